package api_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/tarsus/tarsus/internal/testserver"
)

// TestSampleKVCounter: samples/kv-counter.ts counts 50 concurrent visits
// without losing one, per name, and its counts are in the KV API.
func TestSampleKVCounter(t *testing.T) {
	s := startData(t, "", nil, testserver.Options{})
	tok := s.createUser("alice")
	s.mustPut(tok, "counter.ts", readSample(t, "kv-counter.ts"))
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if r := s.call("alice", "counter", `{"name":"home"}`); r.Status != 200 {
				t.Errorf("%d %s", r.Status, r.Body)
			}
		})
	}
	wg.Wait()
	if got := s.call("alice", "counter", `{"name":"home"}`).JSON(t); got["visits"] != float64(51) || got["name"] != "home" {
		t.Fatalf("after 50 concurrent visits: %v", got)
	}
	if got := s.call("alice", "counter", `{}`).JSON(t); got["visits"] != float64(1) || got["name"] != "total" {
		t.Fatalf("another name: %v", got)
	}
	if r := s.do("GET", "/api/v1/kv/visits:home", tok, "", nil); string(r.Body) != fmt.Sprint(51) {
		t.Fatalf("the KV API reads %d %s", r.Status, r.Body)
	}
}
