// querystring schema: strings coerced, single values become arrays.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      querystring: {
        type: "object",
        properties: {
          n: { type: "integer" },
          f: { type: "number" },
          b: { type: "boolean" },
          s: { type: "string" },
          list: { type: "array", items: { type: "integer" } },
          words: { type: "array", items: { type: "string" } },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ query: request.query }),
];
