// The compiled route file of the Fastify contract behind a WHATWG fetch
// handler (Request → Response), shared by the Deno, Bun and workerd peers.
import route from "./route.mjs";

const [, handler] = typeof route === "function" ? route() : route;

export async function handle(request) {
  let body;
  const text = await request.text();
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    return new Response('{"statusCode":400,"error":"Bad Request","message":"bad JSON"}', { status: 400 });
  }
  const reply = { statusCode: 200, code(c) { this.statusCode = c; return this; } };
  const out = await handler({ body, headers: request.headers, method: request.method, url: request.url }, reply);
  return new Response(JSON.stringify(out), {
    status: reply.statusCode,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
