// [name, schema, ...data]: each data value is validated separately.
const obj = (properties, extra = {}) => ({ type: 'object', properties, ...extra })

export const ajvCases = [
  // ---- type and coercion (coerceTypes: 'array')
  ['type-string', { type: 'string' }, 'a', 5, 1.5, true, false, null, [], {}, ['x'], [5], ['a', 'b'], [[1]], 1e21, -0, 0.1],
  ['type-number', { type: 'number' }, 5, '5', ' 5 ', '', ' ', '0x10', '1e3', 'abc', 'Infinity', '-1.5', true, false, null, ['7'], [], {}, '0b11', '1_000', '.5', '5.'],
  ['type-integer', { type: 'integer' }, 5, 5.5, '5', '5.5', '5.0', true, null, '-0', ['3'], 'Infinity', '1e400'],
  ['type-boolean', { type: 'boolean' }, true, 'true', 'false', 'TRUE', 1, 0, 2, null, '', ['true'], [1]],
  ['type-null', { type: 'null' }, null, '', 0, false, 'null', [], [null], ['']],
  ['type-array', { type: 'array' }, [], 'a', 5, true, null, {}],
  ['type-object', { type: 'object' }, {}, [], 'a', null, 5],
  ['type-multi', { type: ['string', 'number'] }, 'a', 5, true, null, {}, []],
  ['type-multi-order', { type: ['number', 'string'] }, true, null],
  ['type-multi-bool-null', { type: ['boolean', 'null'] }, '', 'false', 0, 'x'],
  ['type-integer-null', { type: ['integer', 'null'] }, '', '3', 'x'],
  ['type-array-string', { type: ['array', 'string'] }, 5, ['a']],
  ['type-object-array', { type: ['object', 'array'] }, 'x', null, {}, []],
  ['nullable-string', { type: 'string', nullable: true }, null, 'a', 5, ''],
  ['nullable-integer', { type: 'integer', nullable: true }, null, '', '4', 'x'],
  ['nullable-false', { type: 'string', nullable: false }, null, 'a'],
  ['nullable-no-type', { nullable: true }, 1],
  ['nullable-contradiction', { type: 'null', nullable: false }, 1],
  ['type-bad', { type: 'str' }, 1],
  ['coerce-root-array-wrap', { type: 'array', items: { type: 'number' } }, '5', 5, null, ['1', '2'], 'a'],
  ['coerce-nested', obj({ n: { type: 'number' }, b: { type: 'boolean' }, s: { type: 'string' } }), { n: '12', b: 'true', s: 3 }, { n: 'x' }, { b: 'yes' }, { s: {} }],
  ['coerce-in-array', { type: 'array', items: { type: 'integer' } }, ['1', '2', 3], ['1', 'x']],

  // ---- required / properties / additionalProperties
  ['required', obj({ name: { type: 'string' } }, { required: ['name'] }), { name: 'a' }, {}, { other: 1 }, [], 'x', { name: 5 }],
  ['required-multi', { type: 'object', required: ['a', 'b', 'c'] }, { a: 1 }, { a: 1, b: 2, c: 3 }, { b: 1, c: 1 }],
  ['required-proto', { type: 'object', required: ['toString', 'constructor'] }, {}],
  ['required-quote', { type: 'object', required: ["it's"] }, {}],
  ['properties-order', obj({ a: { type: 'string' }, b: { type: 'number' } }), { b: 'x', a: 1 }, { a: 'ok', b: 'x' }],
  ['properties-path-escape', obj({ 'a/b': { type: 'string' }, 'c~d': { type: 'number' } }), { 'a/b': 1 }, { 'c~d': 'x' }],
  ['properties-nested', obj({ user: obj({ age: { type: 'integer', minimum: 0 } }, { required: ['age'] }) }), { user: { age: -1 } }, { user: {} }, { user: { age: '7' } }],
  ['properties-empty-schema', obj({ a: {}, b: true, c: false }), { a: 1, b: 2 }, { c: 1 }],
  ['additional-false', obj({ a: { type: 'string' } }, { additionalProperties: false }), { a: 'x', b: 1, c: 2 }, { b: 1 }, {}],
  ['additional-false-required', obj({ a: { type: 'string' } }, { additionalProperties: false, required: ['b'] }), { a: 'x', b: 1 }],
  ['additional-schema', obj({ a: { type: 'string' } }, { additionalProperties: { type: 'number' } }), { a: 'x', b: 1 }, { a: 'x', b: 'y' }, { a: 'x', b: '5' }],
  ['additional-true', obj({ a: { type: 'string' } }, { additionalProperties: true }), { a: 'x', b: 1 }],
  ['additional-nested-false', obj({ o: obj({ x: { type: 'number' } }, { additionalProperties: false }) }), { o: { x: 1, y: 2 }, z: 3 }],
  ['additional-false-no-props', { type: 'object', additionalProperties: false }, { a: 1 }, {}],
  ['index-keys-order', obj({ 2: { type: 'number' }, a: { type: 'number' } }, { additionalProperties: false }), { b: 1, a: 1, 10: 2, 2: 3, 1: 4 }],

  // ---- enum / const
  ['enum', { enum: ['a', 'b', 1, null] }, 'a', 'c', 1, '1', null, true],
  ['enum-typed', { type: 'string', enum: ['a', 'b'] }, 'a', 'c', 5],
  ['enum-coerce', { type: 'number', enum: [1, 2] }, '2', '3'],
  ['enum-object', { enum: [{ a: 1, b: [1, 2] }, [1, 2]] }, { b: [1, 2], a: 1 }, { a: 1 }, [1, 2], [2, 1]],
  ['enum-empty', { enum: [] }, 1],
  ['const', { const: 'x' }, 'x', 'y', null],
  ['const-object', { const: { a: [1, { b: null }] } }, { a: [1, { b: null }] }, { a: [1, { b: 0 }] }],
  ['const-number', { type: 'integer', const: 5 }, '5', 5, 6],

  // ---- numbers
  ['minimum', { type: 'number', minimum: 5 }, 5, 4.99, '3', 6],
  ['maximum', { type: 'number', maximum: 10.5 }, 10.5, 11],
  ['exclusive', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, 0, 1, 0.5],
  ['limits-order', { type: 'number', minimum: 5, maximum: 3, exclusiveMaximum: 2 }, 4, 1, 10],
  ['minimum-negative', { type: 'integer', minimum: -1.5 }, -2, -1],
  ['maximum-big', { type: 'number', maximum: 1e21 }, 2e21],
  ['multipleOf', { type: 'number', multipleOf: 2 }, 4, 5, 0, -4],
  ['multipleOf-frac', { type: 'number', multipleOf: 0.1 }, 0.3, 0.7, 1.2],
  ['multipleOf-big', { type: 'number', multipleOf: 1e-7 }, 1, 0.5],
  ['multipleOf-zero', { type: 'number', multipleOf: 0 }, 1],
  ['number-keywords-nonnumber', { minimum: 5, multipleOf: 3 }, 'abc', null, 4, 6],

  // ---- strings
  ['minLength', { type: 'string', minLength: 3 }, 'ab', 'abc', '😀😀', '😀😀😀', 12],
  ['maxLength', { type: 'string', maxLength: 2 }, 'abc', 'ab', 'é😀', 'éé😀', 123],
  ['length-order', { type: 'string', minLength: 5, maxLength: 1 }, 'abc'],
  ['pattern', { type: 'string', pattern: '^a' }, 'abc', 'bac', 5],
  ['pattern-unanchored', { type: 'string', pattern: 'b+' }, 'abbc', 'ac'],
  ['pattern-unicode', { type: 'string', pattern: '^.$' }, '😀', 'ab'],
  ['pattern-escape', { type: 'string', pattern: '^\\d{3}-\\w+$' }, '123-abc', '12-abc'],
  ['pattern-quote', { type: 'string', pattern: '^"x"$' }, 'y'],
  ['pattern-bad', { type: 'string', pattern: '([a' }, 'x'],
  ['string-order', { type: 'string', minLength: 2, pattern: '^z' }, 'a', 'ab', 'zz'],

  // ---- arrays
  ['items', { type: 'array', items: { type: 'string' } }, ['a', 'b'], ['a', 1], [], 'a'],
  ['items-nested-path', { type: 'array', items: obj({ id: { type: 'integer' } }, { required: ['id'] }) }, [{ id: 1 }, {}], [{ id: 1 }, { id: 'x' }]],
  ['minItems', { type: 'array', minItems: 2 }, [1], [1, 2]],
  ['maxItems', { type: 'array', maxItems: 1 }, [1, 2], [1]],
  ['uniqueItems', { type: 'array', uniqueItems: true }, [1, 2, 3], [1, 2, 1], [{ a: 1 }, { a: 1 }], [[1], [1]], [1, '1'], [1, 1, 2, 2]],
  ['uniqueItems-typed', { type: 'array', uniqueItems: true, items: { type: 'integer' } }, [1, 2, 1], [1, 1, 2, 2], [3, 'a', 'a']],
  ['uniqueItems-multi', { type: 'array', uniqueItems: true, items: { type: ['string', 'number'] } }, ['1', 1], ['a', 'b', 'a']],
  ['uniqueItems-false', { type: 'array', uniqueItems: false }, [1, 1]],
  ['items-tuple', { type: 'array', items: [{ type: 'string' }, { type: 'number' }] }, ['a', 1], ['a', 'b'], ['a'], ['a', 1, true]],
  ['array-order', { type: 'array', maxItems: 2, uniqueItems: true, items: { type: 'string' } }, [1, 1, 1], [1, 1], ['a', 'a']],

  // ---- default
  ['default', obj({ a: { type: 'string', default: 'x' }, b: { type: 'number', default: 5 }, c: { type: 'object', default: { d: [1] } } }), {}, { a: 'y' }, { b: null }],
  ['default-required', obj({ a: { type: 'string', default: 'x' } }, { required: ['a'] }), {}],
  ['default-nested', obj({ o: obj({ x: { default: 1 } }) }), { o: {} }, {}],
  ['default-invalid', obj({ a: { type: 'number', default: 'x' } }), {}],
  ['default-composite', { anyOf: [obj({ a: { default: 1 } })] }, {}],
  ['default-items', { type: 'array', items: [{ default: 'a' }, { default: 'b' }] }, [], ['x']],

  // ---- boolean schemas
  ['schema-true', true, 1, null],
  ['schema-false', false, 1],
  ['schema-empty', {}, 1, 'x'],
  ['property-false', obj({ a: false }), { a: 1 }, {}],

  // ---- strict mode and invalid schemas
  ['unknown-keyword', { type: 'object', foo: 1 }, {}],
  ['unknown-format', { type: 'string', format: 'nope' }, 'x'],
  ['minLength-negative', { type: 'string', minLength: -1 }, 'x'],
  ['required-not-array', { type: 'object', required: 'a' }, {}],

  // ---- Fastify-like schemas
  ['fastify-body', obj({
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    email: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
    admin: { type: 'boolean', default: false }
  }, { required: ['name', 'age'], additionalProperties: false }),
  { name: 'Ann', age: 30 }, { name: 'Ann', age: '30', extra: true }, { name: 'Ann' }, { age: 3 }, { name: '', age: 3 },
  { name: 'A', age: 200 }, { name: 'A', age: 2.5 }, { name: 'A', age: 2, tags: ['a', 1] }, { name: 'A', age: 2, tags: 'x' },
  { name: 'A', age: 2, tags: ['a', 'b', 'c', 'd'] }, null, 'text', [{ name: 'A', age: 1 }]],
  ['fastify-querystring', obj({ q: { type: 'string' }, limit: { type: 'integer', default: 10 }, flags: { type: 'array', items: { type: 'boolean' } } }, { required: ['q'] }),
    { q: 'x' }, { q: 'x', limit: '20' }, { limit: '5' }, { q: 'x', flags: 'true' }, { q: 'x', flags: ['true', '0'] }, { q: ['a'] }, { q: 'x', limit: 'abc' }]
]
