// Defaults and additionalProperties: false on the querystring.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      querystring: {
        type: "object",
        additionalProperties: false,
        properties: {
          page: { type: "integer", default: 1 },
          order: { type: "string", enum: ["asc", "desc"], default: "asc" },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ query: request.query }),
];
