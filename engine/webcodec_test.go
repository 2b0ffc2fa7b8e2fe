package engine

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"
)

// TestDecompressionBomb: a DecompressionStream's output is capped at
// MaxTypedArrayBytes over the whole stream: 64 MiB of zeros in 64 KiB of
// gzip meets a RangeError TARSUS_LIMIT, whatever the chunking; at most 16
// codecs are open at once; a codec made by an earlier invocation is closed.
func TestDecompressionBomb(t *testing.T) {
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		_, _ = w.Write(zeros)
	}
	_ = w.Close()
	bomb := base64.StdEncoding.EncodeToString(z.Bytes())
	sink := &sinkLines{}
	e, err := New(Config{Timeout: 10 * time.Second, MaxTypedArrayBytes: 4 << 20, Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, `let kept;
export default [{}, async (req) => {
  const bytes = new Uint8Array(Buffer.from('`+bomb+`', 'base64'));
  const out = {};
  if (req.body.a === 2) {
    kept.readable.getReader().read().catch(() => {}); // a reader: the transform runs
    try { await kept.writable.getWriter().write(new Uint8Array([1])); out.kept = 'written'; } catch (e) { out.kept = e.name; }
    let n = 0;
    try { for (; n < 20; n++) new CompressionStream('gzip'); } catch (e) { /* the limit */ }
    out.again = n;
    return out;
  }
  kept = new DecompressionStream('deflate');
  const inflate = async (chunks) => {
    const d = new DecompressionStream('gzip');
    const w = d.writable.getWriter();
    for (const c of chunks) w.write(c).catch(() => {});
    w.close().catch(() => {});
    let n = 0;
    try { for await (const c of d.readable) n += c.length; return n; } catch (e) { return [e.name, e.code, n]; }
  };
  out.whole = await inflate([bytes]);
  out.pieces = await inflate([bytes.subarray(0, 100), bytes.subarray(100, 5000), bytes.subarray(5000)]);
  try { for (let i = 0; i < 17; i++) new CompressionStream('gzip'); out.many = 'no limit'; } catch (e) { out.many = [e.name, e.code]; }
  return out;
}]`)
	run := func(body string) map[string]any {
		req := benchReq()
		req.Body = []byte(body)
		resp, err := e.Invoke(context.Background(), "u", fn, req)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(resp.Body, &m); err != nil {
			t.Fatalf("%s: %v (console: %v)", resp.Body, err, sink.all())
		}
		return m
	}
	m := run(`{"a":1}`)
	for _, k := range []string{"whole", "pieces"} {
		got, _ := m[k].([]any)
		if len(got) != 3 || got[0] != "RangeError" || got[1] != "TARSUS_LIMIT" || got[2].(float64) > 4<<20 {
			t.Errorf("%s: %v, want RangeError TARSUS_LIMIT after at most 4 MiB", k, m[k])
		}
	}
	if got, _ := m["many"].([]any); len(got) != 2 || got[1] != "TARSUS_LIMIT" {
		t.Errorf("17 open codecs: %v, want TARSUS_LIMIT", m["many"])
	}
	// The next invocation: its codecs are its own (the first one's were
	// closed at its end), and the one kept from before is closed.
	m = run(`{"a":2}`)
	if m["kept"] != "TypeError" || m["again"] != float64(16) {
		t.Errorf("next invocation: %v, want kept TypeError and 16 new codecs", m)
	}
}
