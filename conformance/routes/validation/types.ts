// Type coercion of body properties (coerceTypes: 'array').
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: {
          int: { type: "integer" },
          num: { type: "number" },
          str: { type: "string" },
          bool: { type: "boolean" },
          arr: { type: "array", items: { type: "integer" } },
          nul: { type: "null" },
          multi: { type: ["integer", "boolean"] },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
