// Response schemas for 201, 4xx and 500.
// The handler returns the request body (sent as JSON) so one route serves many cases;
// ?code=N sets the status code first.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    schema: {
      response: {
        201: { type: "object", properties: { created: { type: "integer" } } },
        "4xx": { type: "object", properties: { problem: { type: "string" } } },
        500: { type: "object", properties: { fatal: { type: "boolean" } } },
      },
    },
  },
  async (request: FastifyRequest, reply: FastifyReply) => {
    const code = (request.query as { code?: string }).code;
    if (code) reply.code(Number(code));
    return request.body;
  },
];
