// schema.query is an alias of schema.querystring.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      query: {
        type: "object",
        required: ["id"],
        properties: { id: { type: "integer" }, tags: { type: "array", items: { type: "string" } } },
      },
    },
  },
  async (request: FastifyRequest) => ({ query: request.query }),
];
