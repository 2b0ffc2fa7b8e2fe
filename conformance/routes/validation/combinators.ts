// anyOf / oneOf / allOf / not, with coercion inside the branches.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: {
          any: { anyOf: [{ type: "integer" }, { type: "string", maxLength: 3 }] },
          one: {
            oneOf: [
              { type: "integer", multipleOf: 2 },
              { type: "integer", multipleOf: 3 },
            ],
          },
          all: { allOf: [{ type: "string" }, { minLength: 2 }, { maxLength: 4 }] },
          not: { not: { type: "string" } },
          shape: {
            oneOf: [
              { type: "object", required: ["kind", "r"], properties: { kind: { const: "circle" }, r: { type: "number" } } },
              { type: "object", required: ["kind", "w"], properties: { kind: { const: "square" }, w: { type: "number" } } },
            ],
          },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
