// reply.status() is an alias of reply.code(); reply.statusCode is writable and readable.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const how = (request.query as { how?: string }).how;
    const before = reply.statusCode;
    if (how === "prop") reply.statusCode = 203;
    else reply.status(202);
    return { before, after: reply.statusCode };
  },
];
