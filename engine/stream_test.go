package engine

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// streamEngine is an engine for the streaming tests, with a small body cap.
func streamEngine(t *testing.T, cfg Config) (*Engine, *sinkLines) {
	t.Helper()
	sink := &sinkLines{}
	cfg.Sink = sink
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e, sink
}

func readAll(t *testing.T, s *Stream) (string, error) {
	t.Helper()
	var b strings.Builder
	for {
		c, err := s.Next()
		if err != nil {
			s.Close()
			if err == io.EOF {
				return b.String(), nil
			}
			return b.String(), err
		}
		b.Write(c)
	}
}

// TestStreamBackPressure: the response commits at the first chunk, while
// the function still runs; a function that writes more than the queue
// holds waits until the reader takes chunks, then goes on.
func TestStreamBackPressure(t *testing.T) {
	e, sink := streamEngine(t, Config{})
	fn := compileFor(t, e, `export default [{}, async (req, reply) => {
  let n = 0;
  const filler = 'x'.repeat(70000);
  const rs = new ReadableStream({
    async pull(c) {
      n++;
      if (n === 1) c.enqueue('first');
      else if (n === 2) c.enqueue(filler);
      else if (n === 3) c.enqueue('second');
      else c.close();
    }
  }, { highWaterMark: 0 });
  reply.header('content-type', 'text/plain');
  return rs;
}]`)
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil {
		t.Fatal(err, sink.all())
	}
	s := resp.Stream
	if s == nil {
		t.Fatalf("no stream: %d %q", resp.Status, resp.Body)
	}
	if resp.Status != 200 || resp.Headers[0] != (Header{"content-type", "text/plain"}) {
		t.Fatalf("status %d headers %v", resp.Status, resp.Headers)
	}
	c, err := s.Next()
	if err != nil || string(c) != "first" {
		t.Fatalf("chunk 1 = %q, %v", c, err)
	}
	// The filler fills the queue: the function waits for the reader, so
	// "second" cannot have been written yet, however long we wait for it.
	deadline := time.Now().Add(2 * time.Second)
	for s.Sent() < 5+70000 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if got := s.Sent(); got != 5+70000 {
		t.Fatalf("sent %d bytes before the reader took the filler, want %d (the function ran ahead of its reader)", got, 5+70000)
	}
	if st := e.Stats("u"); st.Busy != 1 {
		t.Fatalf("busy runtimes while streaming = %d, want 1", st.Busy)
	}
	rest, err := readAll(t, s)
	if err != nil || rest != strings.Repeat("x", 70000)+"second" {
		t.Fatalf("rest = %d bytes, %v", len(rest), err)
	}
	waitFor(t, func() bool { return e.Stats("u").Busy == 0 })
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestStreamForms: the shapes a handler can stream, each read whole.
func TestStreamForms(t *testing.T) {
	e, sink := streamEngine(t, Config{})
	cases := []struct{ name, src, want, ct string }{
		{"readable stream", `async (req, reply) => new ReadableStream({ start(c) { c.enqueue('a'); setTimeout(() => { c.enqueue(new TextEncoder().encode('b')); c.close(); }, 5); } })`, "ab", ""},
		{"async generator", `async (req, reply) => { reply.type('text/plain'); return (async function* () { yield 'x'; await new Promise((r) => setTimeout(r, 5)); yield 'y'; })(); }`, "xy", "text/plain"},
		{"reply.send of a stream", `(req, reply) => { reply.send(new Blob(['blob ', 'body']).stream()); }`, "blob body", ""},
		{"raw writes (SSE)", `(req, reply) => {
			reply.hijack(); reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
			let i = 0;
			const t = setInterval(() => { reply.raw.write('data: ' + (++i) + '\n\n'); if (i === 3) { clearInterval(t); reply.raw.end(); } }, 2);
		}`, "data: 1\n\ndata: 2\n\ndata: 3\n\n", "text/event-stream"},
		{"compressed", `async () => new Blob(['z'.repeat(1000)]).stream().pipeThrough(new CompressionStream('gzip')).pipeThrough(new DecompressionStream('gzip'))`, strings.Repeat("z", 1000), ""},
		{"web Response with a stream body", `async () => new Response(new ReadableStream({ start(c) { c.enqueue('r1'); c.enqueue('r2'); c.close(); } }), { status: 201, headers: { 'content-type': 'text/x-r', 'x-a': 'b' } })`, "r1r2", "text/x-r"},
		{"web Response with a string body", `async () => new Response('plain body', { headers: { 'content-type': 'text/plain;charset=UTF-8' } })`, "plain body", "text/plain;charset=UTF-8"},
		{"node-style stream", `(req, reply) => {
			const ls = {}; const s = { on(ev, f) { ls[ev] = f; return s; }, pipe() {} };
			setTimeout(() => { ls.data('n1'); ls.data('n2'); ls.end(); }, 2);
			reply.send(s);
		}`, "n1n2", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fn := compileFor(t, e, "export default [{}, "+c.src+"]")
			resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
			if err != nil {
				t.Fatal(err, sink.all())
			}
			if resp.Stream == nil {
				t.Fatalf("no stream: %d %q %v", resp.Status, resp.Body, sink.all())
			}
			got, err := readAll(t, resp.Stream)
			if err != nil || got != c.want {
				t.Fatalf("body %q, %v; want %q (%v)", got, err, c.want, sink.all())
			}
			ct := ""
			for _, h := range resp.Headers {
				if h.Name == "content-type" {
					ct = h.Value
				}
			}
			if ct != c.ct {
				t.Fatalf("content-type %q, want %q", ct, c.ct)
			}
		})
	}
	waitFor(t, func() bool { return e.Stats("u").Busy == 0 })
}

// TestStreamErrors: an error before the first chunk is an error reply
// (Fastify's 500); after it the body is cut. A body over MaxResponseBytes
// is cut; the deadline ends a stalled stream; a reader that goes away
// ends the invocation (its interval stops).
func TestStreamErrors(t *testing.T) {
	e, sink := streamEngine(t, Config{MaxResponseBytes: 1000, Timeout: 2 * time.Second})
	t.Run("error before the first chunk", func(t *testing.T) {
		fn := compileFor(t, e, `export default [{}, async () => new ReadableStream({ pull(c) { c.error(new Error('boom')); } })]`)
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil || resp.Stream != nil || resp.Status != 500 || !strings.Contains(string(resp.Body), "boom") {
			t.Fatalf("%v %+v", err, resp)
		}
	})
	t.Run("error after the first chunk", func(t *testing.T) {
		fn := compileFor(t, e, `export default [{}, async () => new ReadableStream({ start(c) { c.enqueue('a'); setTimeout(() => c.error(new Error('late')), 5); } })]`)
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil || resp.Stream == nil {
			t.Fatalf("%v %+v", err, resp)
		}
		got, err := readAll(t, resp.Stream)
		if got != "a" || !errors.Is(err, ErrStreamFailed) {
			t.Fatalf("%q, %v", got, err)
		}
	})
	t.Run("over the size cap", func(t *testing.T) {
		fn := compileFor(t, e, `export default [{}, async () => new ReadableStream({ pull(c) { c.enqueue('y'.repeat(300)); } })]`)
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil || resp.Stream == nil {
			t.Fatalf("%v %+v", err, resp)
		}
		got, err := readAll(t, resp.Stream)
		if len(got) != 900 || !errors.Is(err, ErrStreamTooLarge) {
			t.Fatalf("%d bytes, %v", len(got), err)
		}
	})
	t.Run("first chunk over the size cap", func(t *testing.T) {
		fn := compileFor(t, e, `export default [{}, async () => new ReadableStream({ pull(c) { c.enqueue('y'.repeat(3000)); } })]`)
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil || resp.Stream != nil || resp.Status != 500 || !strings.Contains(string(resp.Body), "TARSUS_RESPONSE_TOO_LARGE") {
			t.Fatalf("%v %+v", err, resp)
		}
	})
	t.Run("stalled", func(t *testing.T) {
		fn := compileFor(t, e, `export default [{}, async () => new ReadableStream({ start(c) { c.enqueue('s'); setTimeout(() => c.enqueue('never'), 60000); } })]`)
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil || resp.Stream == nil {
			t.Fatalf("%v %+v", err, resp)
		}
		start := time.Now()
		got, err := readAll(t, resp.Stream)
		if got != "s" || !errors.Is(err, ErrTimeout) || time.Since(start) > 10*time.Second {
			t.Fatalf("%q, %v after %v", got, err, time.Since(start))
		}
	})
	t.Run("reader goes away", func(t *testing.T) {
		e2, sink2 := streamEngine(t, Config{Timeout: 5 * time.Second})
		fn := compileFor(t, e2, `let ticks = 0;
export default [{}, async (req, reply) => {
  if (req.body.a === 2) return { ticks };
  return new ReadableStream({ start(c) { setInterval(() => { ticks++; c.enqueue('t'); }, 1); } });
}]`)
		resp, err := e2.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil || resp.Stream == nil {
			t.Fatalf("%v %+v", err, resp)
		}
		if c, err := resp.Stream.Next(); err != nil || string(c) != "t" {
			t.Fatalf("%q %v", c, err)
		}
		resp.Stream.Close()
		waitFor(t, func() bool { return e2.Stats("u").Busy == 0 })
		// The same runtime (the only one) answers next: its interval is gone.
		req := benchReq()
		req.Body = []byte(`{"a":2}`)
		r1, err := e2.Invoke(context.Background(), "u", fn, req)
		if err != nil {
			t.Fatal(err, sink2.all())
		}
		r2, err := e2.Invoke(context.Background(), "u", fn, req)
		if err != nil || string(r1.Body) != string(r2.Body) {
			t.Fatalf("ticks went on after the reader left: %s then %s (%v)", r1.Body, r2.Body, err)
		}
		if st := e2.Stats("u"); st.Warm != 1 {
			t.Fatalf("warm runtimes %d, want 1 (a closed stream must not discard the runtime)", st.Warm)
		}
	})
	_ = sink
}

// TestStreamWebResponse: a Web Response's status and headers are the
// reply's (as Fastify 5 takes them); a null body is an empty reply.
func TestStreamWebResponse(t *testing.T) {
	e, sink := streamEngine(t, Config{})
	fn := compileFor(t, e, `export default [{}, async (req) => req.body.a === 1
  ? new Response(new Blob(['hi']).stream(), { status: 201, headers: [['x-a', 'b'], ['set-cookie', 'c=1'], ['set-cookie', 'd=2']] })
  : new Response(null, { status: 204, headers: { 'x-none': '1' } })]`)
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil || resp.Stream == nil {
		t.Fatalf("%v %+v %v", err, resp, sink.all())
	}
	body, err := readAll(t, resp.Stream)
	if err != nil || body != "hi" || resp.Status != 201 {
		t.Fatalf("%d %q %v", resp.Status, body, err)
	}
	want := map[string]int{"x-a: b": 1, "set-cookie: c=1": 1, "set-cookie: d=2": 1}
	for _, h := range resp.Headers {
		delete(want, h.Name+": "+h.Value)
	}
	if len(want) != 0 {
		t.Fatalf("headers %v lack %v", resp.Headers, want)
	}
	req := benchReq()
	req.Body = []byte(`{"a":2}`)
	resp, err = e.Invoke(context.Background(), "u", fn, req)
	if err != nil || resp.Stream != nil || resp.Status != 204 || len(resp.Body) != 0 {
		t.Fatalf("%v %+v", err, resp)
	}
}
