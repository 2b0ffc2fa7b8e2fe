// Hooks that fail: done(err), throw in async, throw non-Error; ?at= and ?how= pick.
import type { FastifyRequest, FastifyReply } from "fastify";

type Done = (err?: Error | null, value?: unknown) => void;
const q = (req: FastifyRequest) => req.query as { at?: string; how?: string };
const fail = (name: string) => Object.assign(new Error(name + " failed"), { statusCode: name === "onRequest" ? 401 : 403, code: "E_" + name.toUpperCase() });

export default [
  {
    onRequest: (req: FastifyRequest, _reply: FastifyReply, done: Done) => {
      if (q(req).at === "onRequest") {
        if (q(req).how === "throw") throw fail("onRequest");
        return done(fail("onRequest"));
      }
      done();
    },
    preParsing: (req: FastifyRequest, _reply: FastifyReply, payload: unknown, done: Done) => {
      if (q(req).at === "preParsing") return done(fail("preParsing"));
      done(null, payload);
    },
    preValidation: async (req: FastifyRequest) => {
      if (q(req).at === "preValidation") throw fail("preValidation");
    },
    preHandler: async (req: FastifyRequest) => {
      if (q(req).at === "preHandler") {
        if (q(req).how === "string") throw "preHandler string";
        throw new Error("plain preHandler error");
      }
    },
    preSerialization: async (req: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
      if (q(req).at === "preSerialization") throw fail("preSerialization");
      return payload;
    },
    onSend: (req: FastifyRequest, _reply: FastifyReply, payload: unknown, done: Done) => {
      if (q(req).at === "onSend") return done(fail("onSend"));
      done(null, payload);
    },
    onResponse: async (req: FastifyRequest) => {
      if (q(req).at === "onResponse") throw fail("onResponse");
    },
  },
  async () => ({ handler: true }),
];
