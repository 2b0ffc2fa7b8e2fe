// An async handler that calls reply.send and returns undefined.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.code(201).send({ sent: "by send" });
  },
];
