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
//
// Regenerating the vectors (needs Node 20 and the npm registry):
//
//	cd fastify/testdata/gen && npm ci && TZ=UTC node gen.mjs
//
// Known deviations from the JavaScript originals, kept because they only
// show on inputs no JSON body produces or on rarely used regex features:
//
//   - Regular expressions (pattern, patternProperties, formats) run on
//     regexp2 in ECMAScript+Unicode mode with a 100 ms match timeout; a
//     timed-out match counts as a mismatch. \b treats non-ASCII letters as
//     word characters (JavaScript does not), and a few patterns that V8
//     rejects under the u flag (such as "a{,2}") are accepted.
//   - Ajv reads inherited properties through `data[prop]`: required and
//     dependencies see Object.prototype names ("toString", "constructor")
//     as present (reproduced), but properties/patternProperties only visit
//     own keys.
//   - fast-json-stringify's "date" and "time" formats use the process's
//     local zone; here they use the time.Time's own location. A non-object
//     value serialized with an object schema is treated as an empty object.
//   - Error messages that fast-json-stringify builds from internal schema
//     ids (__fjs_merged_N) number them per serializer, not per process.
//   - Ajv's "schema is invalid" meta-schema messages are not reproduced:
//     a *SchemaError says what is wrong in its own words.
package fastify
