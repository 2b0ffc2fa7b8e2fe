// reply.redirect(url) and reply.redirect(url, code) (Fastify 5 argument order).
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const q = request.query as { to?: string; code?: string; pre?: string };
    if (q.pre) reply.code(Number(q.pre));
    if (q.code) return reply.redirect(q.to ?? "/", Number(q.code));
    return reply.redirect(q.to ?? "/");
  },
];
