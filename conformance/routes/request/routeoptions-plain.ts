// request.routeOptions on a route without options: defaults.
import type { FastifyRequest } from "fastify";

export default [
  {},
  async (request: FastifyRequest) => {
    const ro = request.routeOptions;
    return {
      url: ro.url,
      method: ro.method,
      bodyLimit: ro.bodyLimit,
      config: ro.config,
      hasSchema: ro.schema !== undefined,
      attachValidation: ro.attachValidation ?? null,
    };
  },
];
