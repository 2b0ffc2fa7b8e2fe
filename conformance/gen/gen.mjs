// gen.mjs records the Fastify 5 conformance vectors for Tarsus.
//
// It bundles every conformance/routes/**/*.ts file with esbuild, registers
// each on ONE default Fastify instance exactly as the original product did
// (server.route({ method: 'POST', url: '/conf/' + path, ...opts, handler })),
// replays every request of conformance/cases/<area>.json with fastify.inject
// and writes what real Fastify answered to conformance/vectors/<area>.json.
//
// Usage: cd conformance/gen && npm ci && node gen.mjs
//        node gen.mjs --check   (exit 1 if the committed vectors are stale)
import { readFileSync, writeFileSync, readdirSync, statSync, mkdirSync, existsSync } from 'node:fs'
import { join, relative, dirname, sep, basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import * as esbuild from 'esbuild'
import Fastify from 'fastify'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const routesDir = join(root, 'routes')
const casesDir = join(root, 'cases')
const vectorsDir = join(root, 'vectors')
const require = createRequire(import.meta.url)
const fastifyVersion = require('fastify/package.json').version

const USER = 'conf'
// Headers every request carries, so a replay over real HTTP can send the same.
const BASE_HEADERS = { host: 'localhost:80', 'user-agent': 'lightMyRequest' }
const BODYLESS = new Set(['GET', 'HEAD'])

function walk (dir) {
  const out = []
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...walk(p))
    else if (name.endsWith('.ts')) out.push(p)
  }
  return out
}

async function loadRoute (file) {
  // Bundle the way Tarsus does (esbuild, everything inlined, type-only
  // imports dropped); ESM output so Node can import it from a data: URL.
  const res = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    write: false,
    logLevel: 'silent'
  })
  const code = res.outputFiles[0].text
  const mod = await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'))
  const d = mod.default
  const pair = typeof d === 'function' ? d() : d
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[1] !== 'function') {
    throw new Error(`${file}: default export must be [opts, handler] or a function returning it`)
  }
  return pair
}

function lowerKeys (obj) {
  const out = {}
  for (const [k, v] of Object.entries(obj || {})) out[k.toLowerCase()] = v
  return out
}

function sortedObject (obj) {
  const out = {}
  for (const k of Object.keys(obj).sort()) out[k] = obj[k]
  return out
}

// buildRequest turns a case into the exact request that is injected (and that
// a replay must send): method, url, headers (all of them) and body bytes.
function buildRequest (c) {
  const method = (c.method || 'POST').toUpperCase()
  const url = '/' + USER + '/' + c.route + (c.query || '')
  const headers = { ...BASE_HEADERS }
  let body = null // Buffer
  if (c.json !== undefined) {
    body = Buffer.from(JSON.stringify(c.json))
    headers['content-type'] = 'application/json'
  } else if (c.bodyBase64 !== undefined) {
    body = Buffer.from(c.bodyBase64, 'base64')
  } else if (c.body !== undefined) {
    body = Buffer.from(c.body, 'utf8')
  } else if (c.bodyRepeat !== undefined) {
    // Large bodies are stored compactly: prefix + text repeated count times + suffix.
    const r = c.bodyRepeat
    body = Buffer.from((r.prefix || '') + r.text.repeat(r.count) + (r.suffix || ''), 'utf8')
  }
  for (const [k, v] of Object.entries(lowerKeys(c.headers))) {
    if (v === null) delete headers[k] // explicit null: do not send it
    else headers[k] = v
  }
  // A real HTTP client (Go's included) sends Content-Length for a request
  // with a body, and "Content-Length: 0" for an empty POST; do the same
  // unless the case sets the header itself (or null to leave it out).
  const explicitCL = c.headers && Object.keys(c.headers).some(k => k.toLowerCase() === 'content-length')
  if (!explicitCL && !BODYLESS.has(method)) headers['content-length'] = String(body ? body.length : 0)
  return { method, url, headers: sortedObject(headers), body: body || Buffer.alloc(0), bodyRepeat: c.bodyRepeat }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
function bodyFields (buf, fieldText, fieldB64) {
  try {
    const s = utf8.decode(buf)
    return { [fieldText]: s }
  } catch {
    return { [fieldB64]: buf.toString('base64') }
  }
}

function selectHeaders (res, names) {
  const out = {}
  for (const n of [...names].map(s => s.toLowerCase()).sort()) {
    const v = res.headers[n]
    out[n] = v === undefined ? null : (Array.isArray(v) ? v.map(String) : String(v))
  }
  return out
}

async function main () {
  const check = process.argv.includes('--check')
  const app = Fastify()
  const routeFiles = walk(routesDir)
  const routes = new Set()
  for (const file of routeFiles) {
    const routePath = relative(routesDir, file).slice(0, -3).split(sep).join('/')
    const [opts, handler] = await loadRoute(file)
    app.route({ method: 'POST', url: '/' + USER + '/' + routePath, ...opts, handler })
    routes.add(routePath)
  }
  await app.ready()

  const usedRoutes = new Set()
  const counts = {}
  let stale = false
  if (!existsSync(vectorsDir)) mkdirSync(vectorsDir)
  for (const cf of readdirSync(casesDir).filter(f => f.endsWith('.json')).sort()) {
    const area = basename(cf, '.json')
    const cases = JSON.parse(readFileSync(join(casesDir, cf), 'utf8'))
    const names = new Set()
    const vectors = []
    for (const c of cases) {
      if (!c.name || names.has(c.name)) throw new Error(`${cf}: missing or duplicate case name ${c.name}`)
      names.add(c.name)
      if (!routes.has(c.route)) throw new Error(`${cf}/${c.name}: unknown route ${c.route}`)
      usedRoutes.add(c.route)
      const req = buildRequest(c)
      const res = await app.inject({ method: req.method, url: req.url, headers: req.headers, payload: req.body })
      const ct = res.headers['content-type']
      const vector = {
        name: c.name,
        route: c.route,
        ...(c.note ? { note: c.note } : {}),
        request: {
          method: req.method,
          url: req.url,
          headers: req.headers,
          ...(req.bodyRepeat
            ? { bodyRepeat: { prefix: req.bodyRepeat.prefix || '', text: req.bodyRepeat.text, count: req.bodyRepeat.count, suffix: req.bodyRepeat.suffix || '' } }
            : bodyFields(req.body, 'body', 'bodyBase64'))
        },
        response: {
          status: res.statusCode,
          contentType: ct === undefined ? null : String(ct),
          headers: selectHeaders(res, c.selectHeaders || []),
          ...bodyFields(res.rawPayload, 'body', 'bodyBase64')
        }
      }
      vectors.push(vector)
    }
    counts[area] = vectors.length
    const out = JSON.stringify({ area, fastify: fastifyVersion, count: vectors.length, vectors }, null, 2) + '\n'
    const dest = join(vectorsDir, area + '.json')
    if (check) {
      if (!existsSync(dest) || readFileSync(dest, 'utf8') !== out) {
        console.error(`stale: vectors/${area}.json`)
        stale = true
      }
    } else {
      writeFileSync(dest, out)
    }
  }
  await app.close()
  const unused = [...routes].filter(r => !usedRoutes.has(r))
  if (unused.length) throw new Error('routes without a case: ' + unused.join(', '))
  let total = 0
  for (const [a, n] of Object.entries(counts)) { console.log(`${a}: ${n}`); total += n }
  console.log(`total: ${total} vectors, ${routes.size} routes, fastify ${fastifyVersion}`)
  if (stale) process.exit(1)
}

main().catch(err => { console.error(err); process.exit(1) })
