// A required header, declared in mixed case in the schema (Fastify lowercases it).
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      headers: {
        type: "object",
        required: ["X-Api-Key"],
        properties: {
          "X-Api-Key": { type: "string", minLength: 4 },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ key: request.headers["x-api-key"] }),
];
