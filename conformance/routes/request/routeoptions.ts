// request.routeOptions on a route with schema, config and bodyLimit.
import type { FastifyRequest } from "fastify";

export default [
  {
    bodyLimit: 2048,
    config: { feature: "x" },
    schema: {
      body: { type: "object" },
      querystring: { type: "object", properties: { a: { type: "string" } } },
    },
  },
  async (request: FastifyRequest) => {
    const ro = request.routeOptions;
    return {
      url: ro.url,
      method: ro.method,
      bodyLimit: ro.bodyLimit,
      config: ro.config,
      hasSchema: ro.schema !== undefined,
      schemaKeys: ro.schema ? Object.keys(ro.schema).sort() : null,
      bodySchema: ro.schema?.body ?? null,
      attachValidation: ro.attachValidation ?? null,
    };
  },
];
