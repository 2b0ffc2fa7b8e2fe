// An errorHandler that throws: the error goes to Fastify's default handler.
import type { FastifyRequest, FastifyReply, FastifyError } from "fastify";

export default [
  {
    errorHandler: async (error: FastifyError, request: FastifyRequest, _reply: FastifyReply) => {
      const how = (request.query as { how?: string }).how;
      if (how === "same") throw error;
      throw Object.assign(new Error("wrapped: " + error.message), { statusCode: 502 });
    },
  },
  async () => {
    throw Object.assign(new Error("original"), { statusCode: 400 });
  },
];
