// An async handler that neither sends nor returns a value.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header("x-ran", "yes");
  },
];
