// onError runs when the handler fails, before the error handler; it can add headers.
import type { FastifyRequest, FastifyReply } from "fastify";

type Done = () => void;

export default [
  {
    onError: [
      (_req: FastifyRequest, reply: FastifyReply, error: Error, done: Done) => {
        reply.header("x-onerror", error.message);
        done();
      },
      async (_req: FastifyRequest, reply: FastifyReply, error: Error & { statusCode?: number }) => {
        reply.header("x-onerror-status", String(error.statusCode ?? "none"));
      },
    ],
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      reply.header("x-onsend", "ran");
      return payload;
    },
  },
  async (request: FastifyRequest) => {
    const v = (request.query as { v?: string }).v;
    if (v === "ok") return { fine: true };
    throw Object.assign(new Error("handler broke"), { statusCode: v === "404" ? 404 : undefined });
  },
];
