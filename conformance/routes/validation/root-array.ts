// Body schema whose root is an array.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: { type: "array", items: { type: "integer" }, maxItems: 3 },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
