// Numeric, length, item and property-count bounds; pattern; uniqueItems.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: {
          min: { type: "number", minimum: 5 },
          max: { type: "number", maximum: 10 },
          xmin: { type: "number", exclusiveMinimum: 0 },
          xmax: { type: "number", exclusiveMaximum: 100 },
          mult: { type: "number", multipleOf: 0.5 },
          short: { type: "string", maxLength: 3 },
          long: { type: "string", minLength: 2 },
          pat: { type: "string", pattern: "^[a-z]+\\d*$" },
          few: { type: "array", maxItems: 2 },
          many: { type: "array", minItems: 2 },
          uniq: { type: "array", uniqueItems: true },
          props: { type: "object", minProperties: 1, maxProperties: 2 },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
