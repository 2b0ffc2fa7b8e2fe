// reply.send called twice: the second call is ignored.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  function (_request: FastifyRequest, reply: FastifyReply) {
    reply.send({ n: 1 });
    reply.send({ n: 2 });
  },
];
