// onSend can replace the payload, change headers, or clear the body; ?v= picks.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    onSend: async (request: FastifyRequest, reply: FastifyReply, payload: any) => {
      const v = (request.query as { v?: string }).v;
      reply.header("x-payload-type", typeof payload);
      if (v === "replace") return "replaced entirely";
      if (v === "type") { reply.type("text/plain"); return payload; }
      if (v === "null") return null;
      if (v === "empty") return "";
      if (v === "buffer") return Buffer.from("from buffer");
      if (v === "code") { reply.code(201); return payload; }
      if (v === "object") return { not: "serialized" };
      return payload;
    },
  },
  async () => ({ handler: "value" }),
];
