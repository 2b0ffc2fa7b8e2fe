// Errors thrown from a non-async handler.
import type { FastifyRequest } from "fastify";

export default [
  {},
  function (request: FastifyRequest) {
    const v = (request.query as { v?: string }).v;
    if (v === "string") throw "sync string";
    if (v === "status") throw Object.assign(new Error("sync 404"), { statusCode: 404 });
    if (v === "null") throw null;
    throw new Error("sync boom");
  },
];
