// additionalProperties true and as a schema in a response schema.
// The handler returns the request body (sent as JSON) so one route serves many cases;
// ?code=N sets the status code first.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    schema: {
      response: {
        200: {
          type: "object",
          properties: {
            open: { type: "object", properties: { a: { type: "string" } }, additionalProperties: true },
            ints: { type: "object", additionalProperties: { type: "integer" } },
            closed: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
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
