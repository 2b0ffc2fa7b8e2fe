// required properties; schema order decides which error is reported first.
import type { FastifyRequest } from "fastify";

export default function () {
  return [
    {
      schema: {
        body: {
          type: "object",
          required: ["name", "age"],
          properties: {
            name: { type: "string" },
            age: { type: "integer" },
          },
        },
      },
    },
    async (request: FastifyRequest) => ({ body: request.body }),
  ];
}
