package api_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

// post calls a function and returns the response with its body unread.
func (s *server) post(user, route, body string) *http.Response {
	s.t.Helper()
	res, err := client.Post(s.URL+"/"+user+"/"+route, "application/json", strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	return res
}

// TestStreamedResponseArrivesInChunks: a handler returning a
// ReadableStream answers at its first chunk, chunked, while the function
// still runs; the second chunk comes when the function makes it.
func TestStreamedResponseArrivesInChunks(t *testing.T) {
	s := start(t, opts{timeout: 10 * time.Second})
	tok := s.createUser("alice")
	s.mustPut(tok, "chunks.ts", `export default function () {
  return [{}, async (req, reply) => {
    reply.header('content-type', 'text/plain; charset=utf-8');
    return new ReadableStream({
      async start(c) {
        c.enqueue('one\n');
        await new Promise((r) => setTimeout(r, 1500));
        c.enqueue('two\n');
        c.close();
      }
    });
  }];
}`)
	res := s.post("alice", "chunks", `{}`)
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/plain; charset=utf-8" || len(res.TransferEncoding) != 1 || res.TransferEncoding[0] != "chunked" {
		t.Fatalf("status %d, content-type %q, transfer-encoding %v", res.StatusCode, res.Header.Get("Content-Type"), res.TransferEncoding)
	}
	r := bufio.NewReader(res.Body)
	first, err := r.ReadString('\n')
	if err != nil || first != "one\n" {
		t.Fatalf("chunk 1 = %q, %v", first, err)
	}
	t1 := time.Now()
	// The function is still running (it waits 1.5 s before chunk 2).
	if st := s.Platform.Stats("alice"); st.BusyRuntimes != 1 {
		t.Fatalf("busy runtimes after chunk 1 = %d, want 1", st.BusyRuntimes)
	}
	rest, err := io.ReadAll(r)
	if err != nil || string(rest) != "two\n" {
		t.Fatalf("rest = %q, %v", rest, err)
	}
	if gap := time.Since(t1); gap < 750*time.Millisecond {
		t.Fatalf("chunk 2 came %v after chunk 1: chunk 1 was held back until the end", gap)
	}
	eventually(t, 5*time.Second, "the runtime to be released", func() bool { return s.Platform.Stats("alice").BusyRuntimes == 0 })
	// The invocation's record covers the whole stream: its bytes and its
	// duration (over the 1.5 s the function waited).
	eventually(t, 5*time.Second, "the invocation's log record", func() bool {
		l := s.do("GET", "/api/v1/logs?fn=chunks", tok, "", nil)
		var recs []struct {
			Kind       string  `json:"kind"`
			RespBytes  int     `json:"respBytes"`
			DurationMs float64 `json:"durationMs"`
		}
		_ = json.Unmarshal(l.Body, &recs)
		for _, r := range recs {
			if r.Kind == "invocation" {
				if r.RespBytes != 8 || r.DurationMs < 1400 {
					t.Fatalf("invocation record: %s", l.Body)
				}
				return true
			}
		}
		return false
	})
}

// TestServerSentEvents: reply.raw.writeHead/write/end make an SSE stream,
// and the sample SSE function streams its events.
func TestServerSentEvents(t *testing.T) {
	s := start(t, opts{timeout: 10 * time.Second})
	tok := s.createUser("alice")
	s.mustPut(tok, "sse.ts", readSample(t, "sse.ts"))
	res := s.post("alice", "sse", `{"count": 3, "intervalMs": 10}`)
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("status %d, headers %v", res.StatusCode, res.Header)
	}
	r := bufio.NewReader(res.Body)
	var events []string
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(line, "data: ") {
			events = append(events, strings.TrimSpace(strings.TrimPrefix(line, "data: ")))
		}
	}
	want := []string{`{"tick":1}`, `{"tick":2}`, `{"tick":3}`, `{"done":true}`}
	if strings.Join(events, "|") != strings.Join(want, "|") {
		t.Fatalf("events %q, want %q", events, want)
	}
}

// TestStreamLimits: a stream over MaxResponseBytes is cut, the deadline
// ends a stalled stream (the client sees an incomplete body: no last
// chunk).
func TestStreamLimits(t *testing.T) {
	s := &server{Server: testserver.Start(t, testserver.Options{Timeout: 700 * time.Millisecond, MaxRuntimes: 1, MaxResponseBytes: 4096}), t: t}
	tok := s.createUser("alice")
	s.mustPut(tok, "big.ts", `export default function () {
  return [{}, async () => new ReadableStream({ pull(c) { c.enqueue('z'.repeat(1000)); } })];
}`)
	s.mustPut(tok, "stall.ts", `export default function () {
  return [{}, async () => new ReadableStream({ start(c) { c.enqueue('first'); } , pull() { return new Promise((r) => setTimeout(r, 60000)); } })];
}`)

	t.Run("size cap", func(t *testing.T) {
		res := s.post("alice", "big", `{}`)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err == nil || len(b) > 4096 || len(b) < 1000 {
			t.Fatalf("read %d bytes, err %v: want a body cut at the 4096-byte cap", len(b), err)
		}
	})
	t.Run("stalled stream ends at the deadline", func(t *testing.T) {
		start := time.Now()
		res := s.post("alice", "stall", `{}`)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err == nil || string(b) != "first" || time.Since(start) > 5*time.Second {
			t.Fatalf("read %q, err %v after %v: want the first chunk, then the body cut", b, err, time.Since(start))
		}
	})
}

// TestStreamClientDisconnect: a client that goes away mid-stream ends the
// invocation at once (long before its deadline): its interval stops, and
// the runtime is kept for the next request, not discarded.
func TestStreamClientDisconnect(t *testing.T) {
	s := start(t, opts{timeout: 30 * time.Second, maxRuntimes: 1})
	tok := s.createUser("alice")
	s.mustPut(tok, "ticks.ts", `let ticks = 0;
export default function () {
  return [{}, async (req) => {
    if (req.body.count) return { ticks };
    return new ReadableStream({ start(c) { setInterval(() => { ticks++; c.enqueue('t'); }, 2); } });
  }];
}`)
	res := s.post("alice", "ticks", `{}`)
	buf := make([]byte, 1)
	if _, err := io.ReadFull(res.Body, buf); err != nil || buf[0] != 't' {
		t.Fatalf("first byte %q, %v", buf, err)
	}
	closed := time.Now()
	res.Body.Close() // an unfinished body: the connection is closed
	eventually(t, 10*time.Second, "the runtime to be released", func() bool { return s.Platform.Stats("alice").BusyRuntimes == 0 })
	if d := time.Since(closed); d > 10*time.Second {
		t.Fatalf("released %v after the client left", d)
	}
	a := s.call("alice", "ticks", `{"count":1}`)
	b := s.call("alice", "ticks", `{"count":1}`)
	if a.Status != 200 || string(a.Body) != string(b.Body) {
		t.Fatalf("ticks went on after the client left: %s then %s", a.Body, b.Body)
	}
	if n, _ := a.JSON(t)["ticks"].(float64); n < 1 {
		t.Fatalf("ticks %v: the runtime was discarded instead of kept", a.JSON(t)["ticks"])
	}
}
