// Package fastify re-implements, in pure Go, the request and response
// semantics that Fastify 5 applies around a route handler:
//
//   - ParseJSON parses a request body exactly as Fastify's default JSON
//     content-type parser does (V8's JSON.parse behind secure-json-parse),
//     with Node 20's error messages.
//   - AppendJSON and FormatNumber produce what JSON.stringify and
//     Number.prototype.toString produce.
//   - CompileValidator/Validate reproduce Ajv 8 as @fastify/ajv-compiler
//     configures it (draft-07, coerceTypes "array", useDefaults,
//     removeAdditional, allErrors false, strict mode, ajv-formats "full"),
//     including in-place coercion and Fastify's error message text.
//   - CompileSerializer/Append reproduce fast-json-stringify, the response
//     serializer Fastify 5 compiles from a response schema.
//
// JSON values are modelled as nil, bool, float64, string, []any and *Object
// (an ordered object whose enumeration order follows V8: array-index keys
// first in ascending order, then the other keys in insertion order).
//
// The behaviour is pinned by vectors recorded from the real libraries by
// testdata/gen/gen.mjs (see testdata/*.json); the Go tests replay them and
// need no Node.
//
// The package is a leaf: its only third-party dependency is regexp2 (for
// ECMAScript `pattern` semantics), whose types never appear in the API.
package fastify
