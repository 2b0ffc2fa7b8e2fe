// Date objects through a response schema (date-time, date, time, plain string) and without one.
import type { FastifyRequest } from "fastify";

const when = () => new Date("2024-01-02T03:04:05.000Z");

export default [
  {
    schema: {
      response: {
        200: {
          type: "object",
          properties: {
            dt: { type: "string", format: "date-time" },
            d: { type: "string", format: "date" },
            t: { type: "string", format: "time" },
            s: { type: "string" },
            raw: { type: "object", additionalProperties: true },
            o: {},
          },
        },
      },
    },
  },
  async (_request: FastifyRequest) => ({ dt: when(), d: when(), t: when(), s: when(), raw: { at: when() }, o: when() }),
];
