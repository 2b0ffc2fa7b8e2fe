// attachValidation with formats: message text for format and allOf errors.
import type { FastifyRequest } from "fastify";

export default [
  {
    attachValidation: true,
    schema: {
      body: {
        type: "object",
        properties: {
          email: { type: "string", format: "email" },
          code: { type: "string", allOf: [{ minLength: 2 }, { pattern: "^[A-Z]+$" }] },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ err: request.validationError?.message ?? null }),
];
