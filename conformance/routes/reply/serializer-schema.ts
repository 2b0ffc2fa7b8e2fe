// reply.serializer(fn) wins over the response schema.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  { schema: { response: { 200: { type: "object", properties: { keep: { type: "string" } } } } } },
  async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.serializer((payload: unknown) => JSON.stringify({ wrapped: payload }));
    return { keep: 1, drop: 2 };
  },
];
