// Command bench is Tarsus's end-to-end benchmark harness (issue 6).
//
//	go run ./bench            # the full run (≈ 20–25 minutes), writes bench/RESULTS.md
//	go run ./bench -quick     # a ≈ 2-minute smoke run of every scenario
//	go run ./bench -only cold,warm -peers original,deno
//	go run ./bench -only warm -peers none -profile /tmp/prof   # with the server's pprof profiles
//	go run ./bench -scenario soak -soak 10m -peers none        # the soak, into bench/SOAK.md
//
// Most of the full run's time goes to creating 10,000 users (each password
// is hashed with bcrypt by the server) and to the 5 minutes of churn.
//
// It builds cmd/tarsus, starts a real `tarsus serve` on loopback with a fresh
// data folder, and measures over HTTP:
//
//   - cold: the first request to a user whose runtimes were dropped
//     (POST /api/v1/runtimes/drop), for the seed's 1 KB ping function and a
//     generated ≈200 KB bundle; peers: process start to first answer.
//   - warm: the seed's ping function under wrk at 32 and 256 connections.
//   - deploy: from the start of a deploy request until a client sees the new
//     answer, for one small file and a 100-file project; the original design:
//     worker kill and fork until the new answer.
//   - density: N users with one function each deployed over the API, then M
//     of them warm at once; the server's VmRSS and memory per warm user.
//   - churn: wrk over random users with a short --idle-timeout, RSS sampled
//     every 10 s.
//   - neighbour: other users' latency with and without one user whose
//     function spins until its deadline on every call.
//   - soak (only when selected: -scenario soak, -soak 10m): 1,000 users under
//     churn for 10 minutes while attackers run (a spinning function, an
//     allocation loop, a gzip bomb to the login, slow-body connections,
//     wrong-password logins); the server's RSS and goroutines sampled, the
//     victims' p99 against a baseline without attackers. Written to
//     bench/SOAK.md when run alone (soak.go).
//
// The peers live in bench/peers (package.json and package-lock.json; `npm
// ci` there installs Fastify 5, workerd, Deno, Bun and esbuild): the original
// design (Fastify 5 under cluster, one worker per user), plain node:http,
// Deno, Bun and workerd, all serving the same compiled route file. A peer that
// cannot run is reported as such with the reason.
//
// The server and every peer run under `taskset -c 0`; wrk, the harness and its
// single-request client run under `taskset -c 1` (when taskset exists and the
// machine has two cores or more). wrk comes from Debian: apt-get install wrk.
//
// The harness is package main with no tests, so `go test ./...` never runs it.
package main
