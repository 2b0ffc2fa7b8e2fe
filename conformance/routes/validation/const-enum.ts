// const and enum (with coercion of the instance first).
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: {
          c: { const: "fixed" },
          cobj: { const: { a: 1 } },
          e: { type: "string", enum: ["red", "green", "blue"] },
          n: { type: "integer", enum: [1, 2, 3] },
          mixed: { enum: ["x", 1, null, true] },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
