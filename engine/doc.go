// Package engine runs users' bundled functions in pooled goja runtimes.
//
// It is the only package that imports goja and goja_nodejs. Its surface is
// small on purpose, so that a worker-process engine (tenants isolated under a
// cgroup memory cap) can later implement the same calls:
//
//   - [Engine.Compile] turns a bundle into a [Function]: the script is
//     compiled once, loaded in a fresh runtime to check the
//     `[opts, handler]` contract, and its schemas are compiled once.
//   - [Engine.Publish] atomically replaces a user's route table; requests
//     already running keep the Function they started with.
//   - [Engine.Invoke] runs one request through the Fastify-compatible
//     lifecycle (prelude.js) on one of the user's runtimes.
//
// Each user has a pool of at most Config.MaxRuntimes runtimes. A runtime is
// created on demand (a cold start), reused while warm, and dropped once idle
// for Config.IdleTimeout. Requests beyond the pool wait in a bounded queue and
// then fail with [ErrBusy]. A runtime belongs to exactly one request at a
// time; async work (timers) comes back to it through a per-invocation loop
// that counts what is pending, so the loop ends as soon as the reply is sent
// or nothing more can happen.
//
// Host APIs available to functions are installed by [hostAPI] values; new ones
// (fetch, KV, secrets) plug in there without touching the lifecycle.
//
// A runtime makes only what its functions use: each goja function costs
// about 2 µs and 0.7 KB to create, and cold starts, spare runtimes and
// memory per warm user all pay for them. The Web and Node globals are made
// on first reference (globals.go), the lifecycle's rarely needed parts on
// first use (prelude.js: S and SP), and the request's and reply's
// accessors and methods on first read, write or `in` (host.lazy, a proxy
// with Go traps in the prototype chain).
//
// Safety: every piece of user code runs under a deadline enforced with
// Runtime.Interrupt: an invocation (its module's top level included, when a
// runtime loads it) under Config.Timeout or the route's own
// opts.config.timeout, whichever is lower, and the contract check at deploy
// (the module's top level and its default export, in a throwaway runtime)
// under Config.Timeout, failing with a SourceError TARSUS_TIMEOUT. A route's
// limits (timeout, bodyLimit) are read at deploy and handed back to Load
// ([Limits]), so they are known before any runtime runs the function. An
// interrupted runtime is discarded, never reused. The call stack is bounded,
// regular expressions have a match timeout, and the few string built-ins
// that allocate in proportion to an argument are size-checked.
//
// A panic in goja or a host function (goja has some: a regular expression
// that Go's regexp accepts and regexp2 does not, run from a lastIndex) is
// recovered in Invoke and Compile: the runtime is discarded, its pool slot
// released, the panic logged once (keys user, fn, err), and the caller gets
// a *FunctionError (an invocation) or an error matching ErrInternal (a
// compile).
//
// goja cannot bound a runtime's heap (that needs worker processes). The
// memory watchdog (watchdog.go, Config.MemoryLimit) credits the heap's
// growth to the runtimes that ran while it grew, invocations and compiles
// alike, and above the limit stops the one that grew most (ErrMemory,
// TARSUS_MEMORY at deploy), or drops the idle runtimes estimated to hold the
// most; it widens only if a collection shows the heap still above. The Go
// runtime's soft memory limit (Config.SoftMemoryLimit) sits above it as a
// backstop.
package engine
