// Package hostile holds no code: its tests are the hostile-tenant suite.
// Each test starts a real server (internal/testserver: real Badger in a
// temp folder, the real platform and HTTP API on 127.0.0.1:0), attacks it
// as a tenant's code or an anonymous client would, and asserts three
// things: the attack gets a clean error within its deadline plus one
// second, the server stays up, and a second tenant's calls stay fast
// meanwhile (victim p99 within 2× of its baseline; see harness_test.go).
//
// The files split the attacks by what they reach: tenant_test.go (code a
// tenant deploys: allocation, native loops, deadlines, panics),
// http_test.go (what an anonymous client sends: compressed and slow
// bodies, connection floods, header tricks), access_test.go (logins,
// tokens, the console's session), quota_test.go (stored bytes, logs) and
// tenant_fetch_test.go (outgoing requests: held connections, a
// decompression bomb, the metadata address).
package hostile
