package api_test

import (
	"fmt"
	"testing"
)

// BenchmarkHTTPWarm is the seed's ping over HTTP on a warm runtime.
func BenchmarkHTTPWarm(b *testing.B) {
	s := start(b, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "ping.ts", readSample(b, "ping.ts"))
	s.call("alice", "ping", "{}")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := s.call("alice", "ping", `{}`); r.Status != 200 {
			b.Fatal(r.Status)
		}
	}
}

// BenchmarkHTTPColdStart is the first request after the user's runtimes
// were dropped (the route table stays compiled).
func BenchmarkHTTPColdStart(b *testing.B) {
	s := start(b, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "ping.ts", readSample(b, "ping.ts"))
	s.call("alice", "ping", "{}")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s.Platform.DropRuntimes("alice")
		b.StartTimer()
		if r := s.call("alice", "ping", `{}`); r.Status != 200 || r.Header.Get("X-Tarsus-Cold") != "1" {
			b.Fatal(r.Status, r.Header)
		}
	}
}

// BenchmarkDeployToLive is one PUT of a changed file until a client sees
// the new answer (the PUT's response means it is live).
func BenchmarkDeployToLive(b *testing.B) {
	s := start(b, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "v.ts", `export default [{}, () => ({v: -1})]`)
	s.call("alice", "v", "{}")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.mustPut(tok, "v.ts", fmt.Sprintf(`export default [{}, () => ({v: %d})]`, i))
		if r := s.call("alice", "v", "{}"); string(r.Body) != fmt.Sprintf(`{"v":%d}`, i) {
			b.Fatalf("%s", r.Body)
		}
	}
}
