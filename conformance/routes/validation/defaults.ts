// useDefaults: missing properties get their default, also nested ones.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: {
          page: { type: "integer", default: 1 },
          sort: { type: "string", default: "asc" },
          tags: { type: "array", default: ["a"] },
          flag: { type: "boolean", default: false },
          opts: {
            type: "object",
            default: {},
            properties: {
              depth: { type: "integer", default: 3 },
              mode: { type: "string", default: "fast" },
            },
          },
          nothing: { type: ["string", "null"], default: null },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
