import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";
import { z } from "zod";
import prices from "../_lib/prices.json";

// Validates the order with zod (an ESM npm package) and prices it from a
// shared JSON module.
const Order = z.object({
  customer: z.string().min(1),
  lines: z
    .array(
      z.object({
        item: z.enum(["apple", "bread", "coffee"]),
        qty: z.number().int().positive(),
      }),
    )
    .min(1),
});

const opts: RouteShorthandOptions = {};

async function handler(request: FastifyRequest, reply: FastifyReply) {
  const parsed = Order.safeParse(request.body);
  if (!parsed.success) {
    return reply.code(400).send({
      error: "invalid order",
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  const order = parsed.data;
  const total = order.lines.reduce((sum, l) => sum + prices.items[l.item] * l.qty, 0);
  return reply.code(201).send({
    customer: order.customer,
    items: order.lines.length,
    total: Math.round(total * 100) / 100,
    currency: prices.currency,
  });
}

export default function () {
  return [opts, handler];
}
