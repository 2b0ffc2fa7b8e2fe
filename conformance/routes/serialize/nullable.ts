// nullable and type arrays in a response schema.
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
            ns: { type: "string", nullable: true },
            ni: { type: "integer", nullable: true },
            s: { type: "string" },
            i: { type: "integer" },
            b: { type: "boolean" },
            tn: { type: ["string", "null"] },
            multi: { type: ["integer", "string"] },
            obj: { type: "object", nullable: true, properties: { x: { type: "string" } } },
            arr: { type: "array", nullable: true, items: { type: "integer" } },
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
