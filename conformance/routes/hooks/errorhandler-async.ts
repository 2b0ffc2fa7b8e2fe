// A route errorHandler that is async and returns the payload; it also sees validation errors.
import type { FastifyRequest, FastifyReply, FastifyError } from "fastify";

export default [
  {
    schema: {
      body: { type: "object", required: ["n"], properties: { n: { type: "integer" } } },
    },
    errorHandler: async (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      reply.code(error.validation ? 422 : 503);
      return {
        message: error.message,
        code: error.code ?? null,
        statusCode: error.statusCode ?? null,
        context: error.validationContext ?? null,
        validation: error.validation ?? null,
        statusBefore: reply.statusCode,
      };
    },
  },
  async (request: FastifyRequest) => {
    const body = request.body as { n: number };
    if (body.n === 0) throw new Error("zero");
    return { n: body.n };
  },
];
