// What request.body reads as at each stage, when an onRequest hook assigns
// it before parsing, and when preValidation replaces it before validation.
import type { FastifyRequest, FastifyReply } from "fastify";

type Done = (err?: Error | null) => void;
const seen: string[] = [];

export default [
  {
    schema: {
      body: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] },
    },
    onRequest: (req: FastifyRequest, _reply: FastifyReply, done: Done) => {
      seen.length = 0;
      seen.push("onRequest:" + typeof req.body + ":" + ("body" in req));
      if ((req.headers["x-assign"] as string) === "1") (req as any).body = "assigned-early";
      done();
    },
    preParsing: (req: FastifyRequest, _reply: FastifyReply, payload: unknown, done: (e: Error | null, p: unknown) => void) => {
      seen.push("preParsing:" + JSON.stringify(req.body));
      done(null, payload);
    },
    preValidation: (req: FastifyRequest, _reply: FastifyReply, done: Done) => {
      seen.push("preValidation:" + JSON.stringify(req.body));
      if ((req.headers["x-replace"] as string) === "1") (req as any).body = { n: "7" };
      done();
    },
  },
  async (request: FastifyRequest) => ({ seen, body: request.body, keys: Object.keys(request).includes("body") }),
];
