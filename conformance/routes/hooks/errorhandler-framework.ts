// Framework errors (bad JSON, 415, 413, hook errors, serialization) reach the route errorHandler.
import type { FastifyRequest, FastifyReply, FastifyError } from "fastify";

export default [
  {
    bodyLimit: 32,
    schema: {
      response: { 200: { type: "object", required: ["must"], properties: { must: { type: "string" } } } },
    },
    preHandler: async (request: FastifyRequest) => {
      if ((request.query as { v?: string }).v === "hook") throw Object.assign(new Error("hook said no"), { statusCode: 401 });
    },
    errorHandler: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      reply.code(299).send({ caught: error.code ?? null, message: error.message, statusCode: error.statusCode ?? null });
    },
  },
  async (request: FastifyRequest) => {
    if ((request.query as { v?: string }).v === "serialize") return { missing: "must" };
    return { must: "ok" };
  },
];
