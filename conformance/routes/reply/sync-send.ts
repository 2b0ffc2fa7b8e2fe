// A non-async handler that calls reply.send.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  function (_request: FastifyRequest, reply: FastifyReply) {
    reply.header("x-style", "sync").send({ style: "sync send" });
  },
];
