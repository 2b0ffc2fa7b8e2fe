// A route for a shop's pages: callable from its origins (CORS), only with an
// invocation key (`tarsus keys create shop --routes 'orders/*'`), at most 5
// calls a second per key.
import type { FastifyRequest } from "fastify";

export default function () {
  return [
    {
      schema: { body: { type: "object", required: ["item"], properties: { item: { type: "string" }, qty: { type: "integer", minimum: 1 } } } },
      config: {
        auth: "key",
        cors: { origin: ["https://shop.example", /\.shop\.example$/], exposedHeaders: ["x-order-id"] },
        rateLimit: { max: 5, timeWindow: "1 second", keyGenerator: "key" },
      },
    },
    async (request: FastifyRequest<{ Body: { item: string; qty?: number } }>, reply: any) => {
      const id = crypto.randomUUID();
      reply.header("x-order-id", id);
      return { id, item: request.body.item, qty: request.body.qty ?? 1 };
    },
  ];
}
