// A Server-Sent Events stream: POST {"count": 5, "intervalMs": 1000}
// answers text/event-stream, one event per interval, then a last
// {"done": true} event. The response is sent chunk by chunk as the
// function writes it (curl -N shows each event as it comes).
import type { FastifyReply, FastifyRequest } from "fastify";

type Body = { count?: number; intervalMs?: number };

const opts = {
  schema: {
    body: {
      type: "object",
      properties: {
        count: { type: "integer", minimum: 1, maximum: 100 },
        intervalMs: { type: "integer", minimum: 1, maximum: 10000 },
      },
    },
  },
};

async function handler(request: FastifyRequest<{ Body: Body }>, reply: FastifyReply) {
  const count = request.body?.count ?? 5;
  const intervalMs = request.body?.intervalMs ?? 1000;
  // As in Fastify: the handler answers through reply.raw, so the
  // lifecycle must not send a reply of its own when it returns.
  reply.hijack();
  reply.raw.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
  });
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    reply.raw.write(`id: ${tick}\ndata: ${JSON.stringify({ tick })}\n\n`);
    if (tick === count) {
      clearInterval(timer);
      reply.raw.end(`event: end\ndata: ${JSON.stringify({ done: true })}\n\n`);
    }
  }, intervalMs);
}

export default function () {
  return [opts, handler];
}
