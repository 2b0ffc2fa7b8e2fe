// Tarsus routes have no :param segments: params is always {}.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      params: { type: "object", properties: {} },
    },
  },
  async (request: FastifyRequest) => ({ params: request.params }),
];
