// reply.code(204) drops the body (and content headers).
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const v = (request.query as { v?: string }).v;
    reply.code(204);
    if (v === "object") return reply.send({ a: 1 });
    if (v === "string") return reply.send("text");
    if (v === "304") return reply.code(304).send({ a: 1 });
    return reply.send();
  },
];
