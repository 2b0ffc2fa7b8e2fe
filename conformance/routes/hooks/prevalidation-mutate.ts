// preValidation runs after parsing and before validation: it can fix up the body.
import type { FastifyRequest } from "fastify";

export default [
  {
    preValidation: async (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown>;
      if (body && typeof body === "object" && body.name === undefined) body.name = "from-hook";
    },
    schema: {
      body: { type: "object", required: ["name"], properties: { name: { type: "string" }, n: { type: "integer" } } },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
