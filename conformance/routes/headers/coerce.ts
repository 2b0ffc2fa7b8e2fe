// headers schema: coercion of header values; the rest of the headers stay.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      headers: {
        type: "object",
        properties: {
          "x-num": { type: "integer" },
          "x-bool": { type: "boolean" },
          "x-list": { type: "array", items: { type: "string" } },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({
    num: request.headers["x-num"],
    bool: request.headers["x-bool"],
    list: request.headers["x-list"],
    names: Object.keys(request.headers).sort(),
  }),
];
