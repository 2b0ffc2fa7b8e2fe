// $ref to definitions inside the response schema.
// The handler returns the request body (sent as JSON) so one route serves many cases;
// ?code=N sets the status code first.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    schema: {
      response: {
        200: {
          type: "object",
          definitions: {
            item: { type: "object", properties: { id: { type: "integer" }, label: { type: "string" } } },
          },
          properties: {
            first: { $ref: "#/definitions/item" },
            items: { type: "array", items: { $ref: "#/definitions/item" } },
          },
        },
      },
    },
  },
  async (request: FastifyRequest, reply: FastifyReply) => {
    const code = (request.query as { code?: string }).code;
    if (code) reply.code(Number(code));
    return request.body;
  },
];
