// Draft-07 keywords: if/then/else, dependencies, propertyNames, contains, tuple items.
// (Fastify's Ajv is draft-07 in strict mode: prefixItems / dependentRequired are unknown keywords.)
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: {
          cond: {
            type: "object",
            if: { properties: { kind: { const: "a" } } },
            then: { required: ["a"] },
            else: { required: ["b"] },
          },
          dep: { type: "object", dependencies: { card: ["cvv"] } },
          names: { type: "object", propertyNames: { pattern: "^[a-z]+$" } },
          has: { type: "array", contains: { type: "integer", minimum: 10 } },
          tuple: {
            type: "array",
            items: [{ type: "string" }, { type: "integer" }],
            minItems: 2,
            additionalItems: false,
          },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
