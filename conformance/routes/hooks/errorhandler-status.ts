// What reply.statusCode is inside an errorHandler that does not set it.
import type { FastifyRequest, FastifyReply, FastifyError } from "fastify";

export default [
  {
    errorHandler: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      reply.send({ seenStatus: reply.statusCode, message: error.message });
    },
  },
  async (request: FastifyRequest) => {
    const s = (request.query as { s?: string }).s;
    throw Object.assign(new Error("status " + (s ?? "none")), s ? { statusCode: Number(s) } : {});
  },
];
