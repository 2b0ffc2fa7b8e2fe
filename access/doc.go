// Package access reads and applies the route options that decide who may
// call a function and when: opts.method (functions answer POST only),
// opts.config.schedule (cron triggers), opts.config.cors (@fastify/cors's
// per-route options), opts.config.auth and opts.config.jwt (invocation keys
// and JSON Web Tokens) and opts.config.rateLimit (@fastify/rate-limit's
// shape, applied with token buckets).
//
// The engine hands these options over as JSON when it compiles a route at
// deploy ([Parse]); a route whose options are wrong is refused then, with
// a message saying what to write instead. The parsed [Route] is immutable
// and shared by every call of the route.
//
// Cron expressions are parsed with github.com/robfig/cron/v3 (its parser
// only: the platform runs its own scheduler), which stays inside this
// package: [Schedule] is the only type that wraps it. Regular expressions
// in cors.origin are compiled with Go's regexp (RE2: linear time, so a
// hostile Origin header cannot make a match slow); a JavaScript pattern
// that RE2 does not accept (backreferences, lookaround) is a deploy error.
//
// Tokens ([VerifyHS256], [VerifyJWKS]) are checked with Go's standard
// library (crypto/hmac, crypto/rsa, crypto/ecdsa): HS256 under a secret,
// RS256 and ES256 under a JSON Web Key Set; the algorithm a route accepts
// is fixed by its options, never chosen by the token (alg "none", and
// HS256 against a key set's public key, are refused).
//
// Rate limiting ([Limiter]) keeps token buckets in memory, on each node on
// its own: their number is bounded (two generations of at most
// Config.MaxBuckets/2 each, the older dropped whole when the newer fills),
// so a client cycling through addresses cannot grow them without limit; a
// dropped bucket starts full again, which is the price of the bound.
package access
