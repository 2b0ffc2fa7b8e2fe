// A route errorHandler (sync, reply.send) that changes the status.
import type { FastifyRequest, FastifyReply, FastifyError } from "fastify";

export default [
  {
    errorHandler: function (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
      reply.code(418).send({ handled: error.message, code: error.code ?? null, statusWas: error.statusCode ?? null });
    },
  },
  async (request: FastifyRequest) => {
    const v = (request.query as { v?: string }).v;
    if (v === "string") throw "string thrown";
    throw Object.assign(new Error("handler error"), { statusCode: 409, code: "E_CONFLICT" });
  },
];
