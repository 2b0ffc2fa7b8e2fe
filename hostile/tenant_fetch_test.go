package hostile_test

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

// A tenant's fetch turned against the server: connections held open until
// the deadline, a decompression bomb, the cloud metadata address. Each is answered cleanly, the server stays up and the
// victim stays fast.
func TestTenantFetch(t *testing.T) {
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for range 16 { // 16 MiB of zeros, about 16 KiB on the wire, past the 1 MiB cap
		zw.Write(zero)
	}
	zw.Close()
	release := make(chan struct{})
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		case "/hang":
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}
	}))
	defer func() { close(release); up.Close() }()

	s := start(t, testserver.Options{Timeout: 2 * time.Second, MaxRuntimes: 8, FetchAllow: []string{"127.0.0.1"}, FetchMaxBytes: 1 << 20})
	v := newVictim(s, 4)
	tok := s.createUser("mallory")
	s.mustDeploy(tok, "hold.ts", `export default [{}, async (req: any) => {
		// 50 requests that never answer: 6 open at once, the rest queued,
		// all cancelled at the deadline.
		await Promise.all(Array.from({ length: 60 }, () => fetch(req.body.url).catch(() => 0)));
		return { never: true };
	}];`)
	s.mustDeploy(tok, "bomb.ts", `export default [{}, async (req: any) => {
		try { const r = await fetch(req.body.url); const b = await r.arrayBuffer(); return { size: b.byteLength }; }
		catch (e: any) { return { code: e.cause && e.cause.code }; }
	}];`)

	v.during(func() {
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := s.call("mallory", "hold", `{"url":"`+up.URL+`/hang"}`)
				if r.Status != 504 {
					t.Errorf("held connections: %d %s", r.Status, r.Body)
				}
				within(t, r, 3*time.Second, "an invocation holding connections")
			}()
		}
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := s.call("mallory", "bomb", `{"url":"`+up.URL+`/bomb"}`)
				if r.Status != 200 || r.JSON(t)["code"] != "TARSUS_FETCH_TOO_LARGE" {
					t.Errorf("decompression bomb: %d %s", r.Status, r.Body)
				}
			}()
		}
		wg.Wait()
	})
	r := s.call("mallory", "bomb", `{"url":"http://169.254.169.254/latest/meta-data/"}`)
	if r.Status != 200 || r.JSON(t)["code"] != "TARSUS_EGRESS_DENIED" {
		t.Errorf("metadata: %d %s", r.Status, r.Body)
	}
	s.alive()
}
