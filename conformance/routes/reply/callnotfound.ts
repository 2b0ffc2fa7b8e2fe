// reply.callNotFound() answers with Fastify's default 404.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header("x-before", "kept?");
    reply.callNotFound();
    return reply;
  },
];
