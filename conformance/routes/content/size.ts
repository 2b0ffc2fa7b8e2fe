// Default bodyLimit (1 MiB): report what arrived instead of echoing it.
import type { FastifyRequest } from "fastify";

export default [
  {},
  async (request: FastifyRequest) => {
    const b = request.body;
    return {
      type: typeof b,
      length: typeof b === "string" ? b.length : JSON.stringify(b).length,
      keys: b && typeof b === "object" ? Object.keys(b) : null,
      limit: request.routeOptions.bodyLimit,
    };
  },
];
