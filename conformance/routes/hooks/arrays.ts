// Hooks given as arrays run in order; sync (done) and async may be mixed.
import type { FastifyRequest, FastifyReply } from "fastify";

type Done = (err?: Error | null) => void;
const mark = (reply: FastifyReply, step: string) =>
  reply.header("x-trace", (reply.getHeader("x-trace") ? reply.getHeader("x-trace") + "," : "") + step);

export default [
  {
    onRequest: [
      (_r: FastifyRequest, reply: FastifyReply, done: Done) => { mark(reply, "onRequest1"); done(); },
      async (_r: FastifyRequest, reply: FastifyReply) => { mark(reply, "onRequest2"); },
    ],
    preHandler: [
      async (_r: FastifyRequest, reply: FastifyReply) => { mark(reply, "preHandler1"); },
      (_r: FastifyRequest, reply: FastifyReply, done: Done) => { mark(reply, "preHandler2"); done(); },
      async (_r: FastifyRequest, reply: FastifyReply) => { mark(reply, "preHandler3"); },
    ],
    onSend: [
      async (_r: FastifyRequest, _reply: FastifyReply, payload: any) => payload.replace("}", ',"s1":1}'),
      async (_r: FastifyRequest, _reply: FastifyReply, payload: any) => payload.replace("}", ',"s2":2}'),
    ],
  },
  async () => ({ ok: true }),
];
