// Error handling: a thrown error becomes a Fastify-shaped error reply with
// its statusCode; anything unexpected is a 500 whose stack (mapped to this
// file's lines) goes to your logs.
import type { FastifyReply, FastifyRequest } from "fastify";

class NotFoundError extends Error {
  statusCode = 404;
  code = "ITEM_NOT_FOUND";
}

const items: Record<string, string> = { a: "apple", b: "banana" };

export default [
  {},
  async (request: FastifyRequest<{ Body: { id?: string } }>, reply: FastifyReply) => {
    const id = request.body?.id;
    if (id === undefined) {
      return reply.code(400).send({ error: "send {\"id\": \"a\"}" });
    }
    if (id === "boom") {
      throw new Error("something unexpected happened");
    }
    const item = items[id];
    if (!item) throw new NotFoundError(`no item ${id}`);
    return { id, item };
  },
];
