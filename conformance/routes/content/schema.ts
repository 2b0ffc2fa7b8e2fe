// A JSON body schema reached through different content types.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: { type: "object", required: ["a"], properties: { a: { type: "integer" } } },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
