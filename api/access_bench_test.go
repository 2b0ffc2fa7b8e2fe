package api_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tarsus/tarsus/platform"
)

// BenchmarkHTTPAccess is a warm call over HTTP of the same handler on a
// public route and on a route with auth "key" and a rate limit (never
// reached), called with a key: the difference is what access costs a call.
func BenchmarkHTTPAccess(b *testing.B) {
	s := start(b, opts{})
	tok := s.createUser("alice")
	const handler = `async (request) => ({ hello: request.body.name })]`
	s.mustPut(tok, "public.ts", `export default [{}, `+handler)
	s.mustPut(tok, "keyed.ts", `export default [{ config: { auth: "key", rateLimit: { max: 1000000000, timeWindow: 1000 } } }, `+handler)
	_, key := s.createKey(tok, `{"name":"bench"}`)
	for _, route := range []string{"public", "keyed"} {
		b.Run(route, func(b *testing.B) {
			call := func() int {
				req, _ := http.NewRequest("POST", s.URL+"/alice/"+route, strings.NewReader(`{"name":"world"}`))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("x-tarsus-key", key)
				res, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				return res.StatusCode
			}
			if st := call(); st != 200 {
				b.Fatal(st)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if st := call(); st != 200 {
					b.Fatal(st)
				}
			}
		})
	}
}

// BenchmarkAdmit is the admission of one call, without HTTP or the
// function: a public route without a limit (the cost every route pays),
// a rate-limited one, and one with a key and a rate limit.
func BenchmarkAdmit(b *testing.B) {
	s := start(b, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "public.ts", `export default [{}, async () => ({})]`)
	s.mustPut(tok, "limited.ts", `export default [{ config: { rateLimit: { max: 1000000000, timeWindow: 1000 } } }, async () => ({})]`)
	s.mustPut(tok, "keyed.ts", `export default [{ config: { auth: "key", rateLimit: { max: 1000000000, timeWindow: 1000, keyGenerator: "key" } } }, async () => ({})]`)
	_, key := s.createKey(tok, `{"name":"bench"}`)
	hdr := map[string]string{"x-tarsus-key": key}
	caller := platform.Caller{IP: "203.0.113.7", Header: func(n string) string { return hdr[n] }}
	for _, route := range []string{"public", "limited", "keyed"} {
		b.Run(route, func(b *testing.B) {
			fn, err := s.Platform.Lookup(context.Background(), "alice", route)
			if err != nil {
				b.Fatal(err)
			}
			if a := s.Platform.Admit("alice", fn, caller); a.Refused != nil {
				b.Fatal(a.Refused)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if a := s.Platform.Admit("alice", fn, caller); a.Refused != nil {
					b.Fatal(a.Refused)
				}
			}
		})
	}
}
