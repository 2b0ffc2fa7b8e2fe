// A response schema whose root is a string.
// The handler returns the request body (sent as JSON) so one route serves many cases;
// ?code=N sets the status code first.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    schema: {
      response: {
        200: { type: "string" },
      },
    },
  },
  async (request: FastifyRequest, reply: FastifyReply) => {
    const code = (request.query as { code?: string }).code;
    if (code) reply.code(Number(code));
    return request.body;
  },
];
