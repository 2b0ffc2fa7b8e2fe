// Per-route bodyLimit (bytes).
import type { FastifyRequest } from "fastify";

export default [
  { bodyLimit: 10 },
  async (request: FastifyRequest) => ({ body: request.body, limit: request.routeOptions.bodyLimit }),
];
