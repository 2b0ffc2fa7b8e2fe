// enum, pattern and format on headers.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      headers: {
        type: "object",
        properties: {
          "x-env": { type: "string", enum: ["dev", "prod"] },
          "x-trace": { type: "string", pattern: "^[0-9a-f]{8}$" },
          "x-req": { type: "string", format: "uuid" },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ env: request.headers["x-env"] ?? null, trace: request.headers["x-trace"] ?? null }),
];
