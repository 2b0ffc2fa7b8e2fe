// Records ground truth from the real Fastify 5 stack for package fastify's
// Go tests. Run: npm ci && node gen.mjs  (writes ../*.json)
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { ajvCases } from './cases_ajv.mjs'
import { parseCases } from './cases_parse.mjs'
import { fjsCases } from './cases_fjs.mjs'
import { httpCases } from './cases_http.mjs'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))
const out = (name, v) => writeFileSync(join(here, '..', name), JSON.stringify(v, null, 1) + '\n')

// ---- validation: the compiler Fastify uses, with Fastify's default options
const AjvCompiler = require('@fastify/ajv-compiler')
const factory = AjvCompiler()
const buildValidator = factory({}, { customOptions: {}, plugins: [] })

// Fastify's defaultSchemaErrorFormatter (lib/context.js)
function fastifyMessage (errors, dataVar) {
  let text = ''
  const separator = ', '
  for (let i = 0; i !== errors.length; ++i) {
    const e = errors[i]
    text += dataVar + (e.instancePath || '') + ' ' + e.message + separator
  }
  return text.slice(0, -separator.length)
}

const ajvVectors = []
for (const [name, schema, ...datas] of ajvCases) {
  const schemaText = JSON.stringify(schema)
  let validate
  try {
    // a fresh copy: Ajv may keep references
    validate = buildValidator({ schema: JSON.parse(schemaText) })
  } catch (e) {
    ajvVectors.push({ name, schema: schemaText, compileError: e.message })
    continue
  }
  datas.forEach((data, i) => {
    const dataText = JSON.stringify(data)
    const value = data === undefined ? null : JSON.parse(dataText)
    const holder = { body: value }
    // Fastify passes the request as parentData so Ajv can replace the root
    const ok = validate(value, { parentData: holder, parentDataProperty: 'body' })
    const v = { name: `${name}#${i}`, schema: schemaText, data: dataText === undefined ? 'null' : dataText, valid: ok, result: JSON.stringify(holder.body) }
    if (!ok) {
      v.errors = JSON.stringify(validate.errors)
      v.message = fastifyMessage(validate.errors, 'body')
    }
    ajvVectors.push(v)
  })
}
out('ajv_vectors.json', ajvVectors)

// ---- JSON.parse as Fastify's default JSON parser runs it
const sjson = require('secure-json-parse')
const parseVectors = []
for (const [name, input] of parseCases) {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8')
  const v = { name, input: buf.toString('base64') }
  try {
    const r = sjson.parse(buf, undefined, { protoAction: 'error', constructorAction: 'error' })
    v.result = JSON.stringify(r)
  } catch (e) {
    v.error = e.message
  }
  parseVectors.push(v)
}
out('parse_vectors.json', parseVectors)

// ---- fast-json-stringify through Fastify's serializer compiler
const { SerializerSelector } = require('@fastify/fast-json-stringify-compiler')
const selector = SerializerSelector()
const buildSerializer = selector({}, {})
const fjsVectors = []
for (const [name, schema, ...datas] of fjsCases) {
  const schemaText = JSON.stringify(schema)
  let ser
  try {
    ser = buildSerializer({ schema: JSON.parse(schemaText), method: 'GET', url: '/', httpStatus: '200' })
  } catch (e) {
    fjsVectors.push({ name, schema: schemaText, compileError: e.message })
    continue
  }
  datas.forEach((d, i) => {
    // data is given as JSON text, or as {date: iso} for Date objects
    const data = revive(d)
    const v = { name: `${name}#${i}`, schema: schemaText, data: JSON.stringify(d) }
    try {
      v.output = ser(data)
    } catch (e) {
      v.error = e.message
    }
    fjsVectors.push(v)
  })
}
out('fjs_vectors.json', fjsVectors)

// {"$date": "..."} anywhere becomes a Date
function revive (d) {
  if (Array.isArray(d)) return d.map(revive)
  if (d && typeof d === 'object') {
    if (Object.keys(d).length === 1 && typeof d.$date === 'string') return new Date(d.$date)
    const o = {}
    for (const k of Object.keys(d)) o[k] = revive(d[k])
    return o
  }
  return d
}

// ---- end to end through Fastify itself
const Fastify = require('fastify')
const httpVectors = []
for (const [name, schema, reply, requests] of httpCases) {
  const app = Fastify()
  let seenHeaders
  app.addHook('onRequest', async (req) => { seenHeaders = JSON.stringify(req.headers) })
  app.post('/', { schema }, async (req) => reply === '$body' ? req.body : reply)
  await app.ready()
  for (const [i, r] of requests.entries()) {
    const headers = { ...(r.headers || {}) }
    if (r.payload !== undefined) headers['content-type'] = 'application/json'
    const res = await app.inject({ method: 'POST', url: '/', payload: r.payload, headers })
    httpVectors.push({
      name: `${name}#${i}`,
      schema: JSON.stringify(schema),
      reply: JSON.stringify(reply),
      payload: r.payload === undefined ? null : r.payload,
      headers: seenHeaders,
      status: res.statusCode,
      contentType: res.headers['content-type'],
      body: res.body
    })
  }
  await app.close()
}
out('http_vectors.json', httpVectors)

console.log(`ajv ${ajvVectors.length}, parse ${parseVectors.length}, fjs ${fjsVectors.length}, http ${httpVectors.length}`)
