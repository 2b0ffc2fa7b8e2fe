// A thrown error on a route with a 200 response schema (error bodies are not filtered by it).
import type { FastifyRequest } from "fastify";

export default [
  { schema: { response: { 200: { type: "object", properties: { ok: { type: "boolean" } } } } } },
  async (_request: FastifyRequest) => {
    throw Object.assign(new Error("schema route failed"), { statusCode: 400, code: "E_X", extra: 1 });
  },
];
