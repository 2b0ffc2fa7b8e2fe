// Every route hook as a single callback-style (done) function; each appends to x-trace.
// preSerialization wraps the payload, onSend edits the serialized string.
import type { FastifyRequest, FastifyReply } from "fastify";

type Done = (err?: Error | null, value?: unknown) => void;
const mark = (reply: FastifyReply, step: string) =>
  reply.header("x-trace", (reply.getHeader("x-trace") ? reply.getHeader("x-trace") + "," : "") + step);

export default [
  {
    onRequest: (_req: FastifyRequest, reply: FastifyReply, done: Done) => { mark(reply, "onRequest"); done(); },
    preParsing: (_req: FastifyRequest, reply: FastifyReply, payload: unknown, done: Done) => { mark(reply, "preParsing"); done(null, payload); },
    preValidation: (req: FastifyRequest, reply: FastifyReply, done: Done) => { mark(reply, "preValidation:" + typeof req.body); done(); },
    preHandler: (_req: FastifyRequest, reply: FastifyReply, done: Done) => { mark(reply, "preHandler"); done(); },
    preSerialization: (_req: FastifyRequest, reply: FastifyReply, payload: unknown, done: Done) => {
      mark(reply, "preSerialization");
      done(null, { wrapped: payload });
    },
    onSend: (_req: FastifyRequest, reply: FastifyReply, payload: unknown, done: Done) => {
      mark(reply, "onSend:" + typeof payload);
      done(null, String(payload).replace("handler", "HANDLER"));
    },
    onResponse: (_req: FastifyRequest, _reply: FastifyReply, done: Done) => { done(); },
  },
  async (request: FastifyRequest, reply: FastifyReply) => {
    mark(reply, "handler");
    return { from: "handler", body: request.body };
  },
];
