// $ref into definitions and $defs inside the same schema, recursion included.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        definitions: {
          point: {
            type: "object",
            required: ["x", "y"],
            properties: { x: { type: "integer" }, y: { type: "integer", default: 0 } },
          },
        },
        $defs: {
          node: {
            type: "object",
            properties: {
              v: { type: "string" },
              next: { $ref: "#/$defs/node" },
            },
            required: ["v"],
          },
        },
        properties: {
          p: { $ref: "#/definitions/point" },
          list: { type: "array", items: { $ref: "#/definitions/point" } },
          chain: { $ref: "#/$defs/node" },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
