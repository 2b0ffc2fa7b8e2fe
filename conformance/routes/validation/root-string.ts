// Body schema for a text/plain body.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: { type: "string", minLength: 2 },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
