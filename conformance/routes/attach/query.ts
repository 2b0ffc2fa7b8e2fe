// attachValidation for querystring and headers errors; data stays as sent.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    attachValidation: true,
    schema: {
      querystring: {
        type: "object",
        required: ["q"],
        properties: { q: { type: "integer" } },
      },
      headers: {
        type: "object",
        properties: { "x-n": { type: "integer" } },
      },
    },
  },
  async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.validationError) {
      reply.code(422);
      return { err: request.validationError.message, ctx: request.validationError.validationContext, query: request.query };
    }
    return { ok: true, query: request.query, n: request.headers["x-n"] };
  },
];
