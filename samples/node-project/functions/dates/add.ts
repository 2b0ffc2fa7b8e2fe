import type { FastifyRequest, RouteShorthandOptions } from "fastify";
import { addDays, weekday } from "../_lib/dates";

// POST {"date": "2026-01-30", "days": 2} → {"date": "2026-02-01", "weekday": "Sunday"}
const opts: RouteShorthandOptions = {
  schema: {
    body: {
      type: "object",
      required: ["date", "days"],
      properties: {
        date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        days: { type: "integer" },
      },
    },
  },
};

type Body = { date: string; days: number };

export default [
  opts,
  async (request: FastifyRequest<{ Body: Body }>) => {
    const date = addDays(request.body.date, request.body.days);
    return { date, weekday: weekday(date) };
  },
];
