// A counter in the KV store: POST {"name": "home"} counts one more visit of
// "home" and answers {"name": "home", "visits": 3}. kv.update is atomic:
// concurrent calls never lose a count (it retries when another call wrote
// the key in between). The store is the user's own and survives restarts;
// tarsus kv ls --prefix visits: lists the counters.
import type { FastifyRequest } from "fastify";
import { kv } from "tarsus:kv";

type Body = { name?: string } | undefined;

const opts = {
  schema: {
    body: {
      type: "object",
      properties: { name: { type: "string", minLength: 1, maxLength: 100 } },
    },
  },
};

async function handler(request: FastifyRequest<{ Body: Body }>) {
  const name = request.body?.name ?? "total";
  const visits = await kv.update<number>(`visits:${name}`, (n) => (n ?? 0) + 1);
  return { name, visits };
}

export default function () {
  return [opts, handler];
}
