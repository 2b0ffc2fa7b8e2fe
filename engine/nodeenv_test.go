package engine

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tarsus/tarsus/bundler"
)

// envHost serves process.env from a map the test changes between
// invocations, and counts the calls.
type envHost struct {
	mu    sync.Mutex
	vars  map[string]string
	calls int
	users []string
}

func (h *envHost) Env(_ context.Context, user string) (map[string]string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	h.users = append(h.users, user)
	out := map[string]string{}
	for k, v := range h.vars {
		out[k] = v
	}
	return out, nil
}

func (h *envHost) KV(context.Context, string, *KVOp) (*KVResult, error) {
	return nil, errors.New("no KV here")
}

func (h *envHost) Fetch(context.Context, string, *FetchRequest) (*FetchResponse, error) {
	return nil, errors.New("no fetch here")
}

func (h *envHost) set(k, v string) {
	h.mu.Lock()
	h.vars[k] = v
	h.mu.Unlock()
}

func (h *envHost) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls
}

// nodeFn compiles src (a module whose default export is [opts, handler])
// with every built-in module available.
func nodeFn(t *testing.T, e *Engine, src string) *Function {
	t.Helper()
	outs, err := bundler.New(bundler.Options{Builtins: BuiltinModules()}).Build(map[string][]byte{"f.js": []byte(src)}, []string{"f.js"})
	if err != nil {
		t.Fatal(err)
	}
	fn, err := e.Compile(context.Background(), Source{Path: "f.js", Route: "f", URL: "/f", Code: outs[0].Code, Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	return fn
}

func invokeJSON(t *testing.T, e *Engine, fn *Function) map[string]any {
	t.Helper()
	resp, err := e.Invoke(context.Background(), "alice", fn, benchReq())
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(resp.Body, &out); err != nil {
		t.Fatalf("%s: %v", resp.Body, err)
	}
	return out
}

// TestProcessEnvFromHost: process.env is the Host's environment for the
// invoking user, read once per invocation on first use, never before; a
// change on the host is seen by the next invocation; a function's own
// assignments last for its invocation only.
func TestProcessEnvFromHost(t *testing.T) {
	h := &envHost{vars: map[string]string{"API_URL": "https://a.example", "TOKEN": "s3cret"}}
	e, err := New(Config{Timeout: 5 * time.Second, Host: h, MaxRuntimes: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()

	quiet := nodeFn(t, e, `export default [{}, () => ({ ok: typeof process.nextTick })]`)
	if out := invokeJSON(t, e, quiet); out["ok"] != "function" {
		t.Fatalf("quiet: %v", out)
	}
	if n := h.count(); n != 0 {
		t.Fatalf("a function that never reads process.env made %d Env calls", n)
	}

	fn := nodeFn(t, e, `export default [{}, () => {
  const before = process.env.MINE;
  process.env.MINE = 42;
  return { url: process.env.API_URL, url2: process.env['API_URL'], keys: Object.keys(process.env), has: 'TOKEN' in process.env,
    before: before === undefined ? 'unset' : before, mine: process.env.MINE, type: typeof process.env.MINE,
    viaModule: require('node:process').env.API_URL };
}]`)
	out := invokeJSON(t, e, fn)
	if out["url"] != "https://a.example" || out["url2"] != "https://a.example" || out["viaModule"] != "https://a.example" || out["has"] != true {
		t.Fatalf("first invocation: %v", out)
	}
	if out["mine"] != "42" || out["type"] != "string" || out["before"] != "unset" {
		t.Fatalf("assignment: %v", out)
	}
	if keys, _ := json.Marshal(out["keys"]); string(keys) != `["API_URL","MINE","TOKEN"]` {
		t.Fatalf("keys: %s", keys)
	}
	if n := h.count(); n != 1 {
		t.Fatalf("%d Env calls for one invocation, want 1", n)
	}

	h.set("API_URL", "https://b.example")
	out = invokeJSON(t, e, fn)
	if out["url"] != "https://b.example" {
		t.Fatalf("second invocation sees %v, want the host's change", out["url"])
	}
	if out["before"] != "unset" {
		t.Fatalf("an assignment outlived its invocation: %v", out["before"])
	}
	if n := h.count(); n != 2 {
		t.Fatalf("%d Env calls after two invocations, want 2", n)
	}
	for _, u := range h.users {
		if u != "alice" {
			t.Fatalf("Env asked for user %q", u)
		}
	}
}

// TestAsyncLocalStorageStaysInItsInvocation: a store entered in one
// invocation is not seen by the next one on the same runtime, and a store
// set by run() is seen across awaits and timers.
func TestAsyncLocalStorageStaysInItsInvocation(t *testing.T) {
	e, err := New(Config{Timeout: 5 * time.Second, MaxRuntimes: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := nodeFn(t, e, `import { AsyncLocalStorage } from 'node:async_hooks';
const als = new AsyncLocalStorage();
let n = 0;
export default [{}, async () => {
  n++;
  const leaked = als.getStore();
  als.enterWith('entered in ' + n);
  const inRun = await als.run({ req: n }, async () => {
    await new Promise((r) => setTimeout(r, 1));
    return als.getStore().req;
  });
  return { n, leaked: leaked === undefined ? 'none' : leaked, inRun, after: als.getStore() };
}]`)
	first := invokeJSON(t, e, fn)
	second := invokeJSON(t, e, fn)
	if second["n"] != float64(2) {
		t.Fatalf("not the same runtime: %v", second)
	}
	if first["leaked"] != "none" || second["leaked"] != "none" {
		t.Fatalf("a store outlived its invocation: %v / %v", first, second)
	}
	if first["inRun"] != float64(1) || second["inRun"] != float64(2) || second["after"] != "entered in 2" {
		t.Fatalf("run/enterWith: %v / %v", first, second)
	}
}

// TestZlibOutputCap: decompression stops at MaxTypedArrayBytes (sync and
// stream forms) with a TARSUS_LIMIT RangeError naming it, and at a smaller
// maxOutputLength with Node's ERR_BUFFER_TOO_LARGE; the runtime stays
// usable.
func TestZlibOutputCap(t *testing.T) {
	e, err := New(Config{Timeout: 60 * time.Second, MaxTypedArrayBytes: 1 << 20, MaxRuntimes: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := nodeFn(t, e, `import zlib from 'node:zlib';
const err = (f) => { try { f(); return 'no error'; } catch (e) { return [e.name, e.code, e.message].join(' | '); } };
export default [{}, async () => {
  const member = zlib.gzipSync(Buffer.alloc(512 << 10));
  const bomb = Buffer.concat([member, member, member, member]);
  const stream = await new Promise((res) => {
    const g = zlib.createGunzip();
    g.on('error', (e) => res([e.name, e.code, e.message].join(' | ')));
    g.on('data', () => {});
    g.on('end', () => res('no error'));
    g.end(bomb);
  });
  return {
    small: member.length,
    sync: err(() => zlib.gunzipSync(bomb)),
    brotli: err(() => zlib.brotliDecompressSync(Buffer.concat([zlib.brotliCompressSync(Buffer.alloc(1 << 20)), Buffer.alloc(0)]), { maxOutputLength: 1000 })),
    stream,
    ok: zlib.gunzipSync(member).length,
  };
}]`)
	out := invokeJSON(t, e, fn)
	if s, _ := out["small"].(float64); s > 4096 {
		t.Fatalf("the bomb's member is %v bytes", s)
	}
	for _, k := range []string{"sync", "stream"} {
		msg, _ := out[k].(string)
		if !strings.Contains(msg, "RangeError | TARSUS_LIMIT") || !strings.Contains(msg, "MaxTypedArrayBytes") {
			t.Errorf("%s: %q", k, msg)
		}
	}
	if b, _ := out["brotli"].(string); b != "RangeError | ERR_BUFFER_TOO_LARGE | Cannot create a Buffer larger than 1000 bytes" {
		t.Errorf("brotli with maxOutputLength: %q", b)
	}
	if out["ok"] != float64(512<<10) {
		t.Errorf("a member within the cap: %v", out["ok"])
	}
}
