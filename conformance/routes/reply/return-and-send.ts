// An async handler that calls reply.send AND returns a different value: the first send wins.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.send({ first: true });
    return { second: true };
  },
];
