// Objects with toJSON through a response schema and without one.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      response: {
        200: { type: "object", properties: { v: { type: "object", properties: { x: { type: "integer" } } }, w: { type: "string" } } },
      },
    },
  },
  async (_request: FastifyRequest) => ({ v: { toJSON: () => ({ x: 5, y: 6 }) }, w: { toString: () => "custom" } }),
];
