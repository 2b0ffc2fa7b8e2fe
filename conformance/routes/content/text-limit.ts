// bodyLimit applies to text/plain too; the handler echoes the string back as text.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  { bodyLimit: 5 },
  async (request: FastifyRequest, reply: FastifyReply) => {
    reply.type("text/plain");
    return "got:" + String(request.body);
  },
];
