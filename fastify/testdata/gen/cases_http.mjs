// End-to-end cases through a real Fastify instance (inject). Each case is a
// route schema, the value the handler returns ('$body' echoes request.body)
// and the requests to send.
const userBody = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
    role: { type: 'string', default: 'user' }
  },
  required: ['name'],
  additionalProperties: false
}
const userResponse = {
  200: {
    type: 'object',
    properties: { id: { type: 'integer' }, name: { type: 'string' }, age: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, role: { type: 'string' } },
    required: ['name']
  }
}
export const httpCases = [
  ['echo-user', { body: userBody, response: userResponse }, '$body', [
    { payload: '{"name":"Ann","age":"42","tags":"x","extra":1}' },
    { payload: '{"age":1}' },
    { payload: '{"name":""}' },
    { payload: '{"name":"A","age":-1}' },
    { payload: '{"name":"A",' },
    { payload: '' },
    { payload: '{"__proto__":{"name":"x"}}' },
    { payload: '["x"]' },
    { payload: '"Ann"' }
  ]],
  ['no-response-schema', { body: { type: 'object', properties: { n: { type: 'number' } } } }, '$body', [
    { payload: '{"n":"1.50","b":2}' }
  ]],
  ['response-missing-required', { response: userResponse }, { id: 1 }, [{}]],
  ['response-coerce', { response: userResponse }, { id: '7', name: 5, age: 3.9, tags: [1, true], role: null, secret: 'x' }, [{}]],
  ['response-array-mismatch', { response: { 200: { type: 'object', properties: { list: { type: 'array' } } } } }, { list: 'nope' }, [{}]],
  ['headers', {
    headers: { type: 'object', properties: { 'X-Api-Key': { type: 'string', minLength: 3 }, 'X-Count': { type: 'integer' } }, required: ['X-Api-Key'] }
  }, { ok: true }, [
    { headers: { 'x-api-key': 'abcd', 'x-count': '5' } },
    { headers: { 'X-API-KEY': 'ab' } },
    { headers: {} },
    { headers: { 'x-api-key': 'abcd', 'x-count': 'many' } }
  ]],
  ['body-and-headers-order', {
    body: { type: 'object', required: ['a'] },
    headers: { type: 'object', required: ['x-h'] }
  }, { ok: true }, [
    { payload: '{}' },
    { payload: '{"a":1}' }
  ]]
]
