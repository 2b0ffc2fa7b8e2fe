// preHandler sees the validated (coerced, defaulted) body; onRequest sees no body yet.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header("x-onrequest-body", String(request.body));
    },
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header("x-prehandler-body", JSON.stringify(request.body));
    },
    schema: {
      body: { type: "object", properties: { n: { type: "integer" }, d: { type: "string", default: "dflt" } } },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
