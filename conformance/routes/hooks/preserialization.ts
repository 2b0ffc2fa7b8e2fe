// preSerialization runs for objects only (not strings/Buffers), before the response schema.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    preSerialization: async (_req: FastifyRequest, reply: FastifyReply, payload: any) => {
      reply.header("x-preser", "called");
      return { ...payload, id: "7", hidden: "dropped by schema" };
    },
    schema: {
      response: { 200: { type: "object", properties: { id: { type: "integer" }, v: { type: "string" } } } },
    },
  },
  async (request: FastifyRequest) => {
    const v = (request.query as { v?: string }).v;
    if (v === "string") return "a string";
    if (v === "null") return null;
    return { v: v ?? "object" };
  },
];
