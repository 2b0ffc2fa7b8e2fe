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
// Everything outside the runtime a function reaches (its environment and
// secrets, KV, fetch) goes through one interface, [Host], whose calls carry
// plain data only, so that they can be served in-process or across a
// worker-process boundary. A call that takes time settles a promise
// through the runtime's event loop (loop.go): the loop counts what is
// pending (timers, host calls), cancels the invocation's context when it
// ends, and drops whatever an ended invocation's callbacks hand back.
// Built-in modules (modules.go) are Go, or JavaScript in lib/ compiled once
// per engine, made in a runtime on first require.
//
// fetch (fetch.go, lib/internal/fetch.js): Headers, Request and Response
// are JavaScript classes; the requests are made by Config.Host.Fetch on
// goroutines of their own, one call per redirect hop (the engine follows
// redirects so that the Host checks every hop's address), and their
// results, and each chunk of a body read, come back to the runtime as
// loop jobs. Per invocation: at most Config.MaxFetches requests and
// Config.MaxFetchConns connections open at once (more wait; when all open
// ones sit idle with unread bodies the least recently used is closed, as
// Cloudflare Workers does), each request under Config.FetchTimeout and
// never past the invocation's deadline; the invocation's end cancels what
// is still open. Each request is reported through Request.Fetched.
//
// Size limits: goja checks an interrupt only between JS instructions, never
// inside a native call, and allocates whatever size a native call asks for;
// so nothing a function does may make Go allocate, or a built-in loop, in
// proportion to a number it chose without a check first (limits.go):
//
//   - tarsus:kv (kv.go) checks a key (512 bytes) and a value (1 MiB)
//     before converting or copying them, and an invocation may make 1000
//     KV calls, 32 of them pending at once.
//   - Host functions check sizes before converting anything
//     (crypto.getRandomValues, TextEncoder/TextDecoder, atob/btoa, Buffer,
//     the console, which formats only up to its line cap); a handler's
//     result is converted within a budget of values and bytes, and the
//     response body is capped (Config.MaxResponseBytes: a 500
//     TARSUS_RESPONSE_TOO_LARGE in Fastify's error shape).
//   - Built-ins that allocate or loop natively from a length are
//     size-checked (typed arrays, ArrayBuffer, Array.prototype methods on
//     array-likes, apply, Array.from, JSON.stringify's output, the string
//     methods that amplify, global regular expressions): the limit is a
//     catchable RangeError with code TARSUS_LIMIT whose message names the
//     Config field (MaxArrayLength, MaxTypedArrayBytes, MaxStringLen,
//     MaxRegexpSubject).
//   - A native loop over a sparse array's holes (spread, join, sort…)
//     polls the interrupt through a dynamic object under Array.prototype,
//     so the deadline and the memory watchdog stop it.
//   - goja_nodejs's buffer, util and url modules (nodeguard.go): a
//     Buffer method takes only a real Uint8Array as `this` and as a Buffer
//     argument (an object posing as one made Go allocate its length);
//     Buffer.alloc and fill with a string that decodes to no bytes answer
//     as Node 20 does (zeros for "", ERR_INVALID_ARG_VALUE otherwise)
//     instead of goja_nodejs's endless fill loop; Buffer.from follows
//     valueOf and Symbol.toPrimitive as Node does, at most 1000 deep, and
//     reads an array-like with interrupt polls; write reads only the part
//     of its string that fits; the bytes a string decodes to
//     (MaxTypedArrayBytes), the strings toString, util.format and
//     URLSearchParams (and a URL's query) make (MaxStringLen, a query
//     counted at 9 characters per UTF-16 unit, its most escaped form),
//     and a query string's parameter count (MaxArrayLength) are checked
//     before goja_nodejs runs.
//   - Cryptography (crypto.go: node:crypto and crypto.subtle over Go's
//     crypto packages): the bytes a binding takes are existing views or
//     strings checked before they are decoded, outputs a function sizes
//     are checked against MaxTypedArrayBytes, and the work a function
//     chooses is capped (MaxPBKDF2Work, MaxScryptWork, MaxRSAKeyBits).
//     Slow synchronous calls run on a goroutine the runtime waits for
//     together with the deadline; crypto.subtle settles its promises on
//     the event loop.
//   - Object spread and rest, which goja runs as one native loop per
//     source ({...new Uint8Array(2 ** 22)}: 29 s, 1.5 GB), never reach
//     goja: the bundler lowers them to for...in loops goja interrupts, in
//     every bundle (its own, uploaded and stored ones), and Config.Lower
//     does the same for source compiled at run time by eval and the
//     Function, AsyncFunction and GeneratorFunction constructors
//     (codegen.go; eval is then always indirect).
//   - Response headers are checked as Node checks them (ERR_INVALID_CHAR,
//     ERR_INVALID_HTTP_TOKEN, answered as Fastify 5 answers them).
//
// The standard globals are made and wrapped on first reference (the
// runtime's global object is an ordinary object over a lazy prototype);
// the checked prototype methods are put back, wrapped, on first use. A
// runtime still builds the originals of the checked prototype methods
// (with the rest of the checks, about 45 KB more heap per warm runtime);
// making goja's native loops check the interrupt would remove both the
// checks' cost and their residue.
//
// A runtime makes only what its functions use: each goja function costs
// about 2 µs and 0.7 KB to create, and cold starts, spare runtimes and
// memory per warm user all pay for them. The Web and Node globals are made
// on first reference (globals.go), the lifecycle's rarely needed parts on
// first use (prelude.js: S and SP), and the request's and reply's
// accessors and methods on first read, write or `in` (host.lazy, a proxy
// with Go traps in the prototype chain).
//
// Node's built-in modules (nodemodules.go) are JavaScript in lib/ run
// on first require: our own (events, util with inspect, assert,
// querystring, process, async_hooks, …) or npm ports bundled by libgen
// (readable-stream for stream, string_decoder, path-browserify,
// punycode), over Go bindings where bytes are touched (zlib: Go's
// compress/* and brotli, in 64 KiB steps with interrupt polls, output
// capped at MaxTypedArrayBytes or maxOutputLength). Pure JavaScript needs
// no size check of its own: the deadline and the memory watchdog reach
// every loop it runs. Modules that need the host (fs, net, http, …)
// load with Node's names and throw ERR_NOT_AVAILABLE when called.
// process.env is the Host's Env, asked once per invocation on first use.
// AsyncLocalStorage has no promise hooks to follow (goja has none): a
// store set by run() stays current until the function's result settles,
// within its invocation only.
//
// The Web classes (EventTarget, AbortController, DOMException, the WHATWG
// streams, Blob, File, FormData, CompressionStream, …) are internal modules
// in lib/ (modules.go), made on first reference to one of their globals.
// The streams are web-streams-polyfill, vendored by libgen (go generate):
// lib/web-streams-polyfill.js is generated, never edited.
//
// Streamed responses (stream.go): a handler that answers with a stream
// commits its response at the first chunk and Invoke returns it with a
// Stream; the runtime stays with the invocation, whose event loop goes on
// on another goroutine under the same deadline, until the stream ends, is
// cut (MaxResponseBytes, the deadline, an error) or its reader closes it.
// Chunks wait in a bounded queue (back-pressure: the function's write
// waits for room).
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
