// reply.sent before sending, and inside onSend.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    onSend: (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, p?: unknown) => void) => {
      reply.header("x-sent-in-onsend", String(reply.sent));
      done(null, payload);
    },
  },
  async (_request: FastifyRequest, reply: FastifyReply) => {
    return { before: reply.sent };
  },
];
