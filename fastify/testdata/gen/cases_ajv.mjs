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

const fmt = (format, ...data) => [`format-${format}`, { type: 'string', format }, ...data]
ajvCases.push(
  // ---- formats (ajv-formats full mode)
  fmt('date', '2024-02-29', '2023-02-29', '2024-13-01', '2024-1-01', '2024-04-31', ' 2024-01-01', 'x'),
  fmt('time', '12:34:56Z', '12:34:56', '12:34:56.789+01:00', '23:59:60Z', '23:59:60+01:00', '22:59:60-01:00', '24:00:00Z', '12:34:56+0130', '12:34:56+24:00', '12:34Z', '12:34:56z'),
  fmt('date-time', '2024-01-02T03:04:05Z', '2024-01-02t03:04:05.123+05:30', '2024-01-02 03:04:05Z', '2024-01-02T03:04:05', '2024-02-30T00:00:00Z', '2024-01-02TT03:04:05Z', '2024-01-02\u00a003:04:05Z', 'x'),
  fmt('iso-time', '12:34:56', '12:34:56Z', '25:00:00'),
  fmt('iso-date-time', '2024-01-02T03:04:05', '2024-01-02 03:04:05+01', 'nope'),
  fmt('duration', 'P1Y2M3DT4H5M6S', 'P', 'PT', 'P1W', 'P1Y1W', 'PT1H'),
  fmt('email', 'a@b.co', 'A.B+c@Example.COM', 'a@b', 'a@@b.c', '@b.c', 'a b@c.d', "o'k@x.io"),
  fmt('uri', 'https://example.com/a?b=c#d', 'urn:isbn:123', 'mailto:a@b.c', '//example.com', '/relative', 'http://[::1]:80/', 'a:b c', 'HTTP://EXAMPLE.COM'),
  fmt('uri-reference', '/relative/path', '#frag', 'https://x.y/z', 'a b', '\\x'),
  fmt('uri-template', 'http://example.com/{id}', '/{a,b}', '{', 'x'),
  fmt('url', 'http://example.com', 'https://sub.example.co.uk:8080/p?q=1', 'ftp://1.2.3.4', 'http://10.0.0.1', 'http://localhost', 'example.com'),
  fmt('hostname', 'example.com', 'a-b.c', '-a.com', 'a'.repeat(64) + '.com', 'localhost', 'ex_ample.com', 'example.com.'),
  fmt('ipv4', '192.168.0.1', '256.1.1.1', '1.2.3', '01.2.3.4', '0.0.0.0'),
  fmt('ipv6', '::1', '2001:db8::8a2e:370:7334', '::ffff:192.168.1.1', '1::2::3', 'fe80::1%eth0', 'FFFF::'),
  fmt('uuid', '123e4567-e89b-12d3-a456-426614174000', 'urn:uuid:123E4567-E89B-12D3-A456-426614174000', '123e4567e89b12d3a456426614174000', 'g23e4567-e89b-12d3-a456-426614174000'),
  fmt('json-pointer', '', '/a/b', '/a~0b/~1', 'a', '/a~2'),
  fmt('json-pointer-uri-fragment', '#', '#/a/%20b', '/a', '#/a b'),
  fmt('relative-json-pointer', '0', '1/a', '2#', '01', '-1'),
  fmt('regex', '^a+$', '[a-', '\\Z', 'a\\Z', '(?<n>x)\\k<n>'),
  fmt('byte', 'aGVsbG8=', 'aGVsbG8', '', 'aGVs\nbG8=', '!!!'),
  fmt('password', 'anything'),
  fmt('binary', 'anything'),
  ['format-int32', { type: 'integer', format: 'int32' }, 5, 2147483647, 2147483648, -2147483648, -2147483649, '7'],
  ['format-int64', { type: 'number', format: 'int64' }, 5, 5.5, 9007199254740993],
  ['format-float', { type: 'number', format: 'float' }, 1.5, 'x'],
  ['format-double', { type: 'number', format: 'double' }, 1e308],
  ['format-on-other-type', { format: 'email' }, 5, null, 'x'],
  ['format-number-on-string', { format: 'int32' }, 'x', 5.5],
  ['format-order', { type: 'string', maxLength: 3, format: 'email' }, 'abcd', 'abc'],

  // ---- $ref
  ['ref-definitions', { definitions: { pos: { type: 'integer', minimum: 1 } }, type: 'object', properties: { a: { $ref: '#/definitions/pos' } } }, { a: 0 }, { a: '3' }, { a: 5 }],
  ['ref-defs', { $defs: { s: { type: 'string', maxLength: 2 } }, type: 'array', items: { $ref: '#/$defs/s' } }, ['ab', 'abc'], [1]],
  ['ref-root-recursive', { type: 'object', properties: { name: { type: 'string' }, kids: { type: 'array', items: { $ref: '#' } } }, required: ['name'] }, { name: 'a', kids: [{ name: 'b', kids: [{}] }] }, { name: 'a', kids: [{ name: 5 }] }],
  ['ref-chain', { definitions: { a: { $ref: '#/definitions/b' }, b: { type: 'number' } }, $ref: '#/definitions/a' }, '5', 'x'],
  ['ref-with-siblings', { definitions: { n: { type: 'number' } }, $ref: '#/definitions/n', maximum: 3 }, 2, 4, 'x'],
  ['ref-missing', { $ref: '#/definitions/nope' }, 1],
  ['ref-escaped', { definitions: { 'a/b': { type: 'string' }, 'c d': { type: 'number' } }, type: 'object', properties: { x: { $ref: '#/definitions/a~1b' }, y: { $ref: '#/definitions/c%20d' } } }, { x: 1 }, { y: 'z' }],
  ['ref-id-relative', { $id: 'http://example.com/root.json', definitions: { item: { $id: 'item.json', type: 'integer' } }, type: 'array', items: { $ref: 'item.json' } }, [1, 2], [1, 'x']],
  ['ref-id-anchor', { definitions: { s: { $id: '#str', type: 'string' } }, type: 'object', properties: { a: { $ref: '#str' } } }, { a: 1 }, { a: [] }],
  ['ref-in-anyOf', { definitions: { s: { type: 'string' } }, anyOf: [{ $ref: '#/definitions/s' }, { type: 'boolean' }] }, 'x', 1, {}],

  // ---- composition
  ['anyOf', { anyOf: [{ type: 'string', maxLength: 2 }, { type: 'number', minimum: 10 }] }, 'ab', 'abc', 12, 5, null, {}],
  ['anyOf-coerce', { anyOf: [{ type: 'number' }, { type: 'boolean' }] }, '5', 'true', 'x'],
  ['anyOf-coerce-failing-branch', { type: 'object', properties: { a: { anyOf: [{ type: 'number', minimum: 100 }, { type: 'string', maxLength: 1 }] } } }, { a: '50' }, { a: 'ab' }],
  ['anyOf-always-valid', { anyOf: [{ type: 'number' }, {}] }, '5'],
  ['anyOf-nested-path', { type: 'object', properties: { p: { anyOf: [{ type: 'object', required: ['x'] }, { type: 'array', items: { type: 'integer' } }] } } }, { p: {} }, { p: [1, 'a'] }],
  ['oneOf', { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 2 }] }, 1, 2.5, 3, 'x'],
  ['oneOf-three', { oneOf: [{ type: 'number' }, { type: 'number' }, { type: 'number' }] }, 1],
  ['oneOf-four', { oneOf: [{ type: 'number' }, { type: 'number' }, { type: 'number' }, { type: 'number' }] }, 1],
  ['oneOf-always', { oneOf: [{}, { type: 'string' }] }, 1, 'a'],
  ['oneOf-objects', { type: 'object', oneOf: [{ properties: { kind: { const: 'a' } }, required: ['kind'] }, { properties: { kind: { const: 'b' } }, required: ['kind', 'b'] }] }, { kind: 'a' }, { kind: 'b' }, { kind: 'c' }, {}],
  ['allOf', { allOf: [{ type: 'object', required: ['a'] }, { properties: { a: { type: 'integer' } } }] }, { a: 1 }, {}, { a: 'x' }, { a: '3' }],
  ['allOf-always', { allOf: [{}, true] }, 1],
  ['not', { not: { type: 'string' } }, 1, 'a'],
  ['not-always', { not: {} }, 1],
  ['not-nested-errors', { type: 'object', properties: { a: { not: { anyOf: [{ type: 'string' }, { type: 'number' }] } } } }, { a: 1 }, { a: true }],
  ['if-then-else', { if: { properties: { kind: { const: 'a' } } }, then: { required: ['a'] }, else: { required: ['b'] } }, { kind: 'a' }, { kind: 'x' }, { kind: 'a', a: 1 }, { b: 1 }],
  ['if-then', { type: 'object', if: { required: ['x'] }, then: { properties: { y: { type: 'number' } } } }, { x: 1, y: 'q' }, { y: 'q' }, { x: 1, y: '4' }],
  ['if-else', { type: 'object', if: { required: ['x'] }, else: { required: ['z'] } }, {}, { x: 1 }],
  ['if-then-anyOf', { if: { type: 'string' }, then: { anyOf: [{ minLength: 3 }, { maxLength: 1 }] } }, 'ab', 'a', 5],
  ['if-in-anyOf', { anyOf: [{ if: { type: 'string' }, then: { minLength: 3 } }, { type: 'boolean' }] }, 'ab', true],
  ['if-no-then-else', { if: { type: 'string' } }, 1],
  ['then-without-if', { then: { type: 'string' } }, 1],

  // ---- arrays: tuples, additionalItems, contains
  ['additionalItems-false', { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false }, ['a', 1], ['a', 1, 2], [1, 1, 2]],
  ['additionalItems-schema', { type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'number' } }, ['a', 1, '2'], ['a', 1, 'x']],
  ['additionalItems-no-tuple', { type: 'array', items: { type: 'string' }, additionalItems: false }, ['a']],
  ['contains', { type: 'array', contains: { type: 'integer', minimum: 5 } }, [1, 6], [1, 2], [], ['7']],
  ['contains-in-anyOf', { anyOf: [{ type: 'array', contains: { const: 1 } }, { type: 'string' }] }, [2, 3]],
  ['contains-always', { type: 'array', contains: {} }, [], [1]],
  ['minContains-unknown', { type: 'array', contains: { const: 1 }, minContains: 2 }, [1]],
  ['prefixItems-unknown', { type: 'array', prefixItems: [{ type: 'string' }] }, ['a']],

  // ---- objects: propertyNames, patternProperties, dependencies, min/maxProperties
  ['propertyNames', { type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, { abc: 1 }, { abc: 1, Bad: 2 }],
  ['propertyNames-maxLength', { type: 'object', propertyNames: { maxLength: 3 } }, { abcd: 1 }],
  ['propertyNames-enum', { type: 'object', propertyNames: { enum: ['a', 'b'] } }, { a: 1, c: 2 }],
  ['patternProperties', { type: 'object', patternProperties: { '^s_': { type: 'string' }, '^n_': { type: 'number' } } }, { s_a: 'x', n_b: 1, other: true }, { s_a: 1 }, { n_b: '5' }],
  ['patternProperties-additional-false', { type: 'object', properties: { id: { type: 'number' } }, patternProperties: { '^x-': {} }, additionalProperties: false }, { id: 1, 'x-a': 1, y: 2 }],
  ['patternProperties-additional-schema', { type: 'object', patternProperties: { '^a': { type: 'number' } }, additionalProperties: { type: 'string' } }, { a1: 1, b: 'x' }, { b: 2 }],
  ['patternProperties-matching-property', { type: 'object', properties: { foo: {} }, patternProperties: { '^f': {} } }, {}],
  ['dependencies-array', { type: 'object', dependencies: { a: ['b', 'c'], d: ['e'] } }, { a: 1, b: 1, c: 1 }, { a: 1, b: 1 }, { d: 1 }, {}],
  ['dependencies-schema', { type: 'object', dependencies: { a: { required: ['z'], properties: { z: { type: 'integer' } } } } }, { a: 1, z: '2' }, { a: 1 }],
  ['dependencies-proto', { type: 'object', dependencies: { toString: ['x'] } }, {}],
  ['dependentRequired-unknown', { type: 'object', dependentRequired: { a: ['b'] } }, {}],
  ['minProperties', { type: 'object', minProperties: 2 }, { a: 1 }, { a: 1, b: 2 }],
  ['maxProperties', { type: 'object', maxProperties: 1 }, { a: 1, b: 2 }],
  ['maxProperties-after-default', { type: 'object', maxProperties: 1, properties: { a: { default: 1 }, b: { default: 2 } } }, {}],
  ['object-order', { type: 'object', maxProperties: 5, required: ['r'], propertyNames: { minLength: 1 }, additionalProperties: { type: 'number' }, properties: { p: { type: 'string' } } }, { p: 1, x: 'y' }, { r: 1, p: 1, x: 'y' }, { r: 1, '': 1 }],

  // ---- misc Ajv behaviour
  ['type-object-untyped-first', { type: 'object', properties: { a: { type: 'string' } }, enum: [{ a: 'x' }] }, 'str', { a: 1 }],
  ['metadata-keywords', { title: 't', description: 'd', $comment: 'c', examples: [1], readOnly: true, deprecated: false, type: 'number' }, 1, 'x'],
  ['content-keywords', { type: 'string', contentMediaType: 'application/json', contentEncoding: 'base64' }, 'x'],
  ['schema-keyword', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' }, 'x', 1],
  ['deep-instance-path', { type: 'object', properties: { a: { type: 'array', items: { type: 'object', properties: { 'b/c': { type: 'object', properties: { '~d': { type: 'integer' } } } } } } } }, { a: [{}, { 'b/c': { '~d': 'x' } }] }],
  ['unicode-keys', { type: 'object', properties: { ключ: { type: 'integer' } }, required: ['имя'] }, { ключ: 'x' }, { имя: 1, ключ: 'x' }]
)

ajvCases.push(
  ['ref-root-with-id', { $id: 'http://x/root', type: 'object', properties: { kids: { type: 'array', items: { $ref: '#' } } } }, { kids: [{ kids: 5 }] }, { kids: [{ kids: [] }] }],
  ['ref-self-recursive-definition', { definitions: { node: { type: 'object', properties: { v: { type: 'integer' }, kids: { type: 'array', items: { $ref: '#/definitions/node' } } } } }, type: 'object', properties: { root: { $ref: '#/definitions/node' } } }, { root: { kids: [{ v: 'x' }] } }, { root: { kids: [{ v: '2' }] } }],
  ['ref-to-property', { type: 'object', properties: { a: { $ref: '#/properties/b' }, b: { type: 'string' } } }, { a: 1 }, { a: {} }],
  ['ref-chain-3', { definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/c' }, c: { type: 'number' } }, properties: { x: { $ref: '#/definitions/a' } } }, { x: 'q' }],
  ['ref-called-with-rules', { definitions: { a: { $ref: '#/definitions/b', minimum: 1 }, b: { type: 'number' } }, properties: { x: { $ref: '#/definitions/a' } } }, { x: 0 }, { x: 'q' }],
  ['ref-called-in-then', { definitions: { a: { $ref: '#/definitions/b', minimum: 1 }, b: { type: 'number' } }, if: { type: 'number' }, then: { $ref: '#/definitions/a' } }, 0],
  ['ref-called-default', { definitions: { a: { type: 'object', properties: { d: { default: 1 }, n: { $ref: '#/definitions/a' } } } }, anyOf: [{ $ref: '#/definitions/a' }] }, {}, { n: {} }]
)

ajvCases.push(
  // ECMAScript regex semantics with the u flag
  ['pattern-dollar-newline', { type: 'string', pattern: '^a$' }, 'a\n', 'a'],
  ['pattern-digits-ascii', { type: 'string', pattern: '^\\d+$' }, '١٢', '12'],
  ['pattern-dot-newline', { type: 'string', pattern: '^.$' }, '\n', '😀'],
  ['pattern-space-nbsp', { type: 'string', pattern: '^\\s$' }, '\u00a0', '\u2028'],
  ['pattern-named-group', { type: 'string', pattern: '^(?<y>\\d{4})-\\k<y>$' }, '2024-2024', '2024-2025'],
  ['pattern-unicode-escape', { type: 'string', pattern: '^[\\u{1F600}-\\u{1F64F}]+$' }, '😀😃', 'a'],
  ['pattern-property-escape', { type: 'string', pattern: '^\\p{Lu}' }, 'Abc', 'abc']
)

ajvCases.push(
  ['ref-relative-root-id', { $id: 'n', type: 'object', properties: { c: { anyOf: [{ type: 'null' }, { $ref: '#' }] } } }, { c: { c: null } }, { c: { c: 5 } }],
  ['ref-relative-ids', { $id: 'a/b.json', definitions: { x: { $id: 'c.json', type: 'integer' } }, type: 'array', items: { $ref: 'c.json' } }, [1, '2'], ['x']],
  ['ref-id-fragment-pointer', { $id: 'http://x.y/s', definitions: { d: { type: 'string' } }, type: 'object', properties: { a: { $ref: 'http://x.y/s#/definitions/d' } } }, { a: 5 }, { a: {} }]
)
