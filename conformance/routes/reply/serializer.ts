// reply.serializer(fn) replaces JSON serialization for this reply.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const v = (request.query as { v?: string }).v;
    reply.serializer((payload: unknown) => "custom:" + JSON.stringify(payload));
    if (v === "typed") reply.type("application/x-custom");
    if (v === "string") return reply.send("a string skips the serializer");
    return reply.send({ a: 1, b: [2] });
  },
];
