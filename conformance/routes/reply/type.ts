// reply.type() and what Fastify adds to it.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const t = (request.query as { t?: string }).t ?? "text/plain";
    reply.type(t);
    return "<x>" + t + "</x>";
  },
];
