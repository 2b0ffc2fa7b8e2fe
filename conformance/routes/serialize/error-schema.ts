// Errors are serialized with the response schema of their status code when there is one.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      response: {
        400: { type: "object", properties: { message: { type: "string" }, extra: { type: "string" } } },
        "5xx": { type: "object", properties: { statusCode: { type: "integer" }, error: { type: "string" } } },
      },
    },
  },
  async (request: FastifyRequest) => {
    const status = Number((request.query as { s?: string }).s ?? "500");
    const err = new Error("it failed") as Error & { statusCode: number; extra: string };
    err.statusCode = status;
    err.extra = "x";
    throw err;
  },
];
