// A hook that replies early; ?at= picks the hook. The handler must not run.
import type { FastifyRequest, FastifyReply } from "fastify";

type Done = (err?: Error | null) => void;
const at = (req: FastifyRequest) => (req.query as { at?: string }).at;

export default [
  {
    onRequest: (req: FastifyRequest, reply: FastifyReply, done: Done) => {
      if (at(req) === "onRequest") { reply.code(401).send({ early: "onRequest" }); return; }
      done();
    },
    preValidation: async (req: FastifyRequest, reply: FastifyReply) => {
      if (at(req) === "preValidation") { reply.code(403).send({ early: "preValidation" }); return reply; }
    },
    preHandler: async (req: FastifyRequest, reply: FastifyReply) => {
      if (at(req) === "preHandler") return reply.code(429).header("x-from", "preHandler").send("slow down");
    },
  },
  async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header("x-handler", "ran");
    return { handler: true };
  },
];
