// reply.elapsedTime is a number (value not recorded).
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (_request: FastifyRequest, reply: FastifyReply) => ({
    type: typeof reply.elapsedTime,
    nonNegative: reply.elapsedTime >= 0,
  }),
];
