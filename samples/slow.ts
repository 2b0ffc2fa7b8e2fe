// Async work with timers: await a promise that a setTimeout resolves.
import type { FastifyRequest } from "fastify";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export default function () {
  return [
    { config: { timeout: 2000 } }, // this function's own deadline, in ms
    async (request: FastifyRequest<{ Body: { ms?: number } }>) => {
      const ms = Math.min(request.body?.ms ?? 20, 1000);
      const started = Date.now();
      await sleep(ms);
      console.log(`slept ${ms} ms`);
      return { slept: ms, elapsedAtLeast: Date.now() - started >= ms };
    },
  ];
}
