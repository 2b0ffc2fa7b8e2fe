// A non-async handler that returns a value (Fastify sends it) or a promise.
import type { FastifyRequest } from "fastify";

export default [
  {},
  function (request: FastifyRequest) {
    const v = (request.query as { v?: string }).v;
    if (v === "promise") return Promise.resolve({ style: "promise" });
    if (v === "null") return null;
    return { style: "sync return" };
  },
];
