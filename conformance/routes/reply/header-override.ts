// Headers set by the handler win over defaults: content-type with and without charset, content-length.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const v = (request.query as { v?: string }).v;
    if (v === "json-no-charset") reply.header("content-type", "application/json");
    if (v === "text-no-charset") { reply.header("Content-Type", "text/plain"); return "plain"; }
    if (v === "custom-json") reply.type("application/vnd.custom+json");
    if (v === "remove-type") { reply.header("content-type", "text/plain"); reply.removeHeader("content-type"); return "untyped"; }
    if (v === "type-upper") reply.type("Application/JSON");
    return { v };
  },
];
