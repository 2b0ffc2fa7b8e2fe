// nullable: true (OpenAPI style) and type arrays with "null".
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: {
          ns: { type: "string", nullable: true },
          ni: { type: "integer", nullable: true },
          tn: { type: ["number", "null"] },
          plain: { type: "string" },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
