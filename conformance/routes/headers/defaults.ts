// Header defaults and additionalProperties: false on headers.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      headers: {
        type: "object",
        additionalProperties: false,
        properties: {
          "x-mode": { type: "string", default: "auto" },
          "x-count": { type: "integer", default: 1 },
        },
      },
    },
  },
  // Names sorted: header arrival order depends on the HTTP client.
  async (request: FastifyRequest) => ({
    headers: Object.fromEntries(Object.keys(request.headers).sort().map((k) => [k, request.headers[k]])),
  }),
];
