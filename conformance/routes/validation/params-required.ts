// A params schema that requires a property can never pass (no :param segments).
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      params: { type: "object", required: ["id"], properties: { id: { type: "integer" } } },
    },
  },
  async (request: FastifyRequest) => ({ params: request.params }),
];
