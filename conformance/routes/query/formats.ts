// Formats and anyOf on query values.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      querystring: {
        type: "object",
        properties: {
          email: { type: "string", format: "email" },
          since: { type: "string", format: "date" },
          id: { anyOf: [{ type: "integer" }, { type: "string", format: "uuid" }] },
          flag: { type: "boolean", nullable: true },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ query: request.query }),
];
