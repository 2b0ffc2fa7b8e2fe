// Throwing after reply.send: the response already went out.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.send({ sent: true });
    throw new Error("too late");
  },
];
