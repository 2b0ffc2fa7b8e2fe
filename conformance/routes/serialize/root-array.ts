// A response schema whose root is an array of objects.
// The handler returns the request body (sent as JSON) so one route serves many cases;
// ?code=N sets the status code first.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    schema: {
      response: {
        200: {
          type: "array",
          items: { type: "object", properties: { id: { type: "integer" }, tags: { type: "array", items: { type: "string" } } } },
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
