// Several parts validated: Fastify checks params, body, querystring, headers in that order.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: { type: "object", required: ["b"], properties: { b: { type: "integer" } } },
      querystring: { type: "object", required: ["q"], properties: { q: { type: "integer" } } },
      headers: { type: "object", required: ["x-h"], properties: { "x-h": { type: "integer" } } },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body, query: request.query, h: request.headers["x-h"] }),
];
