// Error paths in nested objects and arrays.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        required: ["user"],
        properties: {
          user: {
            type: "object",
            required: ["name"],
            properties: {
              name: { type: "string" },
              address: {
                type: "object",
                properties: { zip: { type: "string", pattern: "^\\d{5}$" } },
              },
              tags: { type: "array", items: { type: "string", minLength: 1 } },
            },
          },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
