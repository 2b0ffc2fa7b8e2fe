// Headers a hook assigns before validation (request.headers = {...}): Fastify
// keeps them aside and merges them over the request's own on every read, so
// the validator coerces a merged copy that is then dropped; without an
// assignment it coerces the request's own headers in place.
import type { FastifyReply, FastifyRequest } from "fastify";

export default [
  {
    schema: {
      headers: {
        type: "object",
        properties: { "x-num": { type: "integer" } },
      },
    },
    preValidation: async (request: FastifyRequest) => {
      if ((request.query as Record<string, string>).assign !== undefined) {
        (request as any).headers = { "x-num": "7", "x-extra": "e" };
      }
    },
  },
  async (request: FastifyRequest, reply: FastifyReply) => ({
    num: request.headers["x-num"],
    numType: typeof request.headers["x-num"],
    extra: request.headers["x-extra"] ?? null,
    rawNum: request.raw.headers["x-num"],
    rawNumType: typeof request.raw.headers["x-num"],
  }),
];
