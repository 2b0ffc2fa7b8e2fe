import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";
import { greeting } from "./_lib/dates";

const opts: RouteShorthandOptions = {
  schema: {
    response: {
      200: {
        type: "object",
        properties: { message: { type: "string" } },
      },
    },
  },
};

async function handler(request: FastifyRequest<{ Body: { name?: string } | undefined }>, reply: FastifyReply) {
  return { message: greeting(request.body?.name ?? "world") };
}

export default function () {
  return [opts, handler];
}
