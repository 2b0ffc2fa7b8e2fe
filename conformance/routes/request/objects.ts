// The request and reply as objects: the `in` operator, properties a handler
// adds, accessors with setters, methods and their identity, and what an
// assignment to a property inherited from the prototype does. Tarsus makes
// the prototypes' accessors and methods on first use; this checks that a
// property reads, writes and tests the same before and after that.
import type { FastifyReply, FastifyRequest } from "fastify";

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
// Header names sorted: their arrival order depends on the HTTP client.
const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const req = request as any;
    const rep = reply as any;
    const out: Record<string, unknown> = {};
    // `in` before any of these was read
    out.in = ["body", "headers", "query", "params", "id", "method", "url", "log", "raw", "nope"].map((k) => k in req);
    out.replyIn = ["send", "code", "statusCode", "sent", "header", "nope"].map((k) => k in rep);
    out.methodType = typeof request.method;
    req.custom = 1;
    out.custom = [req.custom, has(req, "custom"), Object.keys(req).includes("custom")];
    out.missing = typeof req.nope;
    out.proto = [req.__proto__ === Object.getPrototypeOf(req), typeof req.hasOwnProperty, Object.prototype.toString.call(req)];
    req.body = { replaced: true };
    out.body = [req.body, has(req, "body")];
    req.headers = { h: 1, host: "assigned" };
    out.headers = [sorted(req.headers), has(req, "additionalHeaders"), req.raw.headers.host !== "assigned"];
    out.codeType = typeof rep.code;
    out.codeChain = rep.code(201) === rep;
    out.status = [rep.statusCode, (rep.statusCode = 202), rep.statusCode];
    out.sent = rep.sent;
    rep.custom = "r";
    out.replyCustom = [rep.custom, has(rep, "custom"), Object.keys(rep).includes("custom")];
    out.headerChain = rep.header("x-a", "1") === rep;
    out.getHeader = rep.getHeader("x-a");
    out.sameMethod = rep.send === Object.getPrototypeOf(rep).send;
    return out;
  },
];
