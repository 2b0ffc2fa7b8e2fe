// removeAdditional: true with additionalProperties: false strips unknown keys.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        additionalProperties: false,
        properties: {
          keep: { type: "string" },
          inner: {
            type: "object",
            additionalProperties: false,
            properties: { x: { type: "integer" } },
          },
          open: { type: "object" },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
