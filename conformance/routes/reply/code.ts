// reply.code(n) then send an object; ?c= picks the code.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const c = Number((request.query as { c?: string }).c);
    reply.code(c);
    return { code: c, statusCode: reply.statusCode };
  },
];
