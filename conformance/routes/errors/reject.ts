// A non-async handler returning a rejected promise.
import type { FastifyRequest } from "fastify";

export default [
  {},
  function (request: FastifyRequest) {
    const v = (request.query as { v?: string }).v;
    if (v === "string") return Promise.reject("rejected string");
    if (v === "undefined") return Promise.reject(undefined);
    return Promise.reject(Object.assign(new Error("rejected"), { statusCode: 410 }));
  },
];
