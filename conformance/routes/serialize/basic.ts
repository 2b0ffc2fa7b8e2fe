// Response serialization: undeclared properties dropped, scalar types coerced.
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
            s: { type: "string" },
            n: { type: "number" },
            i: { type: "integer" },
            b: { type: "boolean" },
            arr: { type: "array", items: { type: "string" } },
            obj: { type: "object", properties: { x: { type: "integer" } } },
            any: {},
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
