// onResponse runs after the response is sent: nothing it does changes the response.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    onResponse: [
      async (_req: FastifyRequest, reply: FastifyReply) => {
        reply.header("x-too-late", "1");
      },
      (_req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
        done(new Error("onResponse error is only logged"));
      },
    ],
  },
  async () => ({ sent: true }),
];
