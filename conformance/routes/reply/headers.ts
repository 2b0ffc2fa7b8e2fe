// header / headers / getHeader / getHeaders / hasHeader / removeHeader.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header("X-Custom", "one");
    reply.headers({ "x-a": "1", "X-B": 2 });
    reply.header("x-num", 42);
    reply.header("x-list", ["p", "q"]);
    reply.header("x-gone", "soon");
    const hadGone = reply.hasHeader("X-GONE");
    reply.removeHeader("x-gone");
    reply.header("set-cookie", "a=1");
    reply.header("set-cookie", "b=2");
    reply.header("x-empty", "");
    return {
      custom: reply.getHeader("x-custom"),
      customUpper: reply.getHeader("X-CUSTOM"),
      num: reply.getHeader("x-num"),
      list: reply.getHeader("x-list"),
      hadGone,
      hasGone: reply.hasHeader("x-gone"),
      missing: reply.getHeader("x-missing") ?? null,
      all: reply.getHeaders(),
    };
  },
];
