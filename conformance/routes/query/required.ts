// Required query parameter and bounds.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      querystring: {
        type: "object",
        required: ["q"],
        properties: {
          q: { type: "string", minLength: 2 },
          limit: { type: "integer", minimum: 1, maximum: 50 },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ query: request.query }),
];
