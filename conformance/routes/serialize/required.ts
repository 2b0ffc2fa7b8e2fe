// Response serialization: a missing required property is a 500.
// The handler returns the request body (sent as JSON) so one route serves many cases;
// ?code=N sets the status code first.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    schema: {
      response: {
        200: {
          type: "object",
          required: ["id", "name"],
          properties: {
            id: { type: "integer" },
            name: { type: "string" },
            child: { type: "object", required: ["v"], properties: { v: { type: "string" } } },
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
