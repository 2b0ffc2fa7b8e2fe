// additionalProperties given as a schema (not false), and patternProperties.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: { id: { type: "integer" } },
        patternProperties: { "^x-": { type: "string" } },
        additionalProperties: { type: "integer" },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
