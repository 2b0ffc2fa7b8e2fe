// Calls an HTTP API with fetch and answers with part of what it said.
// The server must let functions reach the API: public addresses are
// reachable by default; loopback and private ones only with --fetch-allow.
import type { FastifyRequest } from "fastify";

type Body = { url?: string; q?: string };

export default function () {
  return [
    { config: { timeout: 5000 } },
    async (request: FastifyRequest<{ Body: Body }>) => {
      const url = new URL(request.body?.url ?? "https://api.github.com/repos/golang/go");
      if (request.body?.q) url.searchParams.set("q", request.body.q);
      try {
        const res = await fetch(url, { headers: { accept: "application/json" } });
        if (!res.ok) return { ok: false, status: res.status };
        const data = await res.json();
        return { ok: true, status: res.status, keys: Object.keys(data).slice(0, 10) };
      } catch (e: any) {
        // A refusal or a limit: TypeError("fetch failed") with a cause
        // whose code says which (TARSUS_EGRESS_DENIED, TARSUS_FETCH_TIMEOUT, …).
        return { ok: false, error: e.message, code: e.cause?.code };
      }
    },
  ];
}
