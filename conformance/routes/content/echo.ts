// No schema: what the default content-type parsers give the handler.
import type { FastifyRequest } from "fastify";

export default [
  {},
  async (request: FastifyRequest) => ({
    type: request.body === null ? "null" : Array.isArray(request.body) ? "array" : typeof request.body,
    body: request.body,
    contentType: request.headers["content-type"] ?? null,
  }),
];
