// Answers requests the way Fastify 5 with @fastify/cors and
// @fastify/rate-limit does, for one route configured as a Tarsus route
// would be: @fastify/cors registered with the route's opts.config.cors
// (a per-route config.cors in Fastify does not reach the preflight, which
// is matched by the plugin's own OPTIONS route), @fastify/rate-limit with
// the route's opts.config.rateLimit. Input on stdin:
// {"config": {...}, "requests": [{"method", "headers", "body"}]}, where a
// RegExp is written {"$regexp": source, "flags": flags}. Output on stdout:
// [{"status", "headers", "body"}] with the CORS, Vary and rate-limit
// headers only.
import Fastify from 'fastify'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'

const chunks = []
for await (const c of process.stdin) chunks.push(c)
const input = JSON.parse(Buffer.concat(chunks).toString(), (k, v) =>
  v && typeof v === 'object' && typeof v.$regexp === 'string' ? new RegExp(v.$regexp, v.flags) : v)

const app = Fastify()
const c = input.config
if (c.cors !== undefined) await app.register(cors, c.cors === true ? {} : c.cors)
await app.register(rateLimit, { global: false })
app.post('/alice/f', { config: { rateLimit: c.rateLimit } }, async () => ({ ok: true }))
await app.ready()
const out = []
for (const r of input.requests) {
  const res = await app.inject({ method: r.method, url: '/alice/f', headers: r.headers, payload: r.body })
  const headers = {}
  for (const [k, v] of Object.entries(res.headers)) {
    if (k.startsWith('access-control-') || k === 'vary' || k.startsWith('x-ratelimit-') || k === 'retry-after') headers[k] = String(v)
  }
  out.push({ status: res.statusCode, headers, body: res.body })
}
process.stdout.write(JSON.stringify(out))
