// A params default is filled into request.params.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      params: { type: "object", properties: { id: { type: "integer", default: 7 } } },
    },
  },
  async (request: FastifyRequest) => ({ params: request.params }),
];
