// Every route hook as an async function; each appends to x-trace.
import type { FastifyRequest, FastifyReply } from "fastify";

const mark = (reply: FastifyReply, step: string) =>
  reply.header("x-trace", (reply.getHeader("x-trace") ? reply.getHeader("x-trace") + "," : "") + step);

export default [
  {
    onRequest: async (_req: FastifyRequest, reply: FastifyReply) => { mark(reply, "onRequest"); },
    preParsing: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => { mark(reply, "preParsing"); return payload; },
    preValidation: async (_req: FastifyRequest, reply: FastifyReply) => { mark(reply, "preValidation"); },
    preHandler: async (_req: FastifyRequest, reply: FastifyReply) => { mark(reply, "preHandler"); },
    preSerialization: async (_req: FastifyRequest, reply: FastifyReply, payload: any) => {
      mark(reply, "preSerialization");
      return { ...payload, added: true };
    },
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: any) => {
      mark(reply, "onSend");
      return payload + "\n";
    },
    onResponse: async () => {},
  },
  async (_request: FastifyRequest, reply: FastifyReply) => {
    mark(reply, "handler");
    return { from: "handler" };
  },
];
