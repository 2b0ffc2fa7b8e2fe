// attachValidation: the Ajv error objects in validationError.validation.
import type { FastifyRequest } from "fastify";

export default [
  {
    attachValidation: true,
    schema: {
      body: {
        type: "object",
        properties: { tags: { type: "array", items: { type: "string", maxLength: 2 } } },
      },
      querystring: {
        type: "object",
        properties: { n: { type: "integer" } },
      },
    },
  },
  async (request: FastifyRequest) => ({
    has: request.validationError !== undefined,
    validation: request.validationError?.validation,
  }),
];
