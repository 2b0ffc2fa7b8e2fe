// attachValidation: the handler runs and sees request.validationError.
import type { FastifyRequest } from "fastify";

export default [
  {
    attachValidation: true,
    schema: {
      body: {
        type: "object",
        required: ["n"],
        properties: { n: { type: "integer", maximum: 10 } },
      },
    },
  },
  async (request: FastifyRequest) => ({
    err: request.validationError?.message,
    ctx: request.validationError?.validationContext,
    code: (request.validationError as any)?.code,
    statusCode: (request.validationError as any)?.statusCode,
    isError: request.validationError instanceof Error,
    body: request.body,
  }),
];
