package engine

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// mod is a bundle in the shape the bundler makes: the default export on
// GlobalName.
func mod(top, exp string) []byte {
	return []byte(top + "\nglobalThis." + GlobalName + " = { default: " + exp + " };")
}

func TestWatchdogStopsTheGrower(t *testing.T) {
	e, err := New(Config{Timeout: 10 * time.Second, MemoryLimit: 256 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, body := range []string{
		`var a = []; for (var i = 0; ; i++) a.push(("y".repeat(1024) + i).repeat(1 << 14));`,
		`var a = []; for (;;) a.push(new Uint8Array(1 << 24));`,
	} {
		fn, err := e.Compile(context.Background(), Source{Path: "a.ts", Route: "a", URL: "/u/a",
			Code: mod("", `[{}, function () { `+body+` }]`)})
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		_, err = e.Invoke(context.Background(), "u", fn, benchReq())
		if !errors.Is(err, ErrMemory) {
			t.Errorf("%s: got %v after %v, want ErrMemory", body, err, time.Since(t0))
			continue
		}
		t.Logf("%s: stopped after %v", body, time.Since(t0))
	}
}

// records is a slog handler that keeps what it is given.
type records struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }
func (r *records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	r.recs = append(r.recs, rec.Clone())
	r.mu.Unlock()
	return nil
}
func (r *records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *records) WithGroup(string) slog.Handler      { return r }

// panics returns the "runtime panicked" records, as maps of their attributes.
func (r *records) panics() []map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []map[string]string
	for _, rec := range r.recs {
		if !strings.Contains(rec.Message, "panicked") {
			continue
		}
		m := map[string]string{}
		rec.Attrs(func(a slog.Attr) bool { m[a.Key] = a.Value.String(); return true })
		out = append(out, m)
	}
	return out
}

// goPanic makes goja panic with a Go error, not a JS exception: a pattern
// Go's regexp accepts and regexp2 does not, matched from lastIndex 1.
const goPanic = `var r = new RegExp("(?<n>a)(?<n>b)", "g"); r.lastIndex = 1; r.exec("aaaa");`

// TestPanicRecovered: a panic inside goja during an invocation (in the
// handler, in a timer callback, or in the module's top level as it loads)
// is a FunctionError, logged once with the user and route; the runtime is
// dropped and its slot freed, so a user with one runtime keeps working.
func TestPanicRecovered(t *testing.T) {
	logs := &records{}
	e, err := New(Config{MaxRuntimes: 1, Logger: slog.New(logs), SpareRuntimes: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ok, err := e.Compile(context.Background(), Source{Path: "ok.ts", Route: "ok", URL: "/u/ok", Code: mod("", `[{}, function () { return { ok: 1 }; }]`)})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]*Function{}
	for name, code := range map[string][]byte{
		"handler": mod("", `[{}, function () { `+goPanic+` return 1; }]`),
		"timer":   mod("", `[{}, function () { return new Promise(function (res) { setTimeout(function () { `+goPanic+` res(1); }, 1); }); }]`),
	} {
		fn, err := e.Compile(context.Background(), Source{Path: name + ".ts", Route: name, URL: "/u/" + name, Code: code})
		if err != nil {
			t.Fatal(err)
		}
		cases[name] = fn
	}
	// A top level that panics only outside the deploy's check: loaded from
	// the store, as after a restart.
	lazy, err := e.Load(Source{Path: "load.ts", Route: "load", URL: "/u/load", Limits: &Limits{},
		Code: mod(goPanic, `[{}, function () { return 1; }]`)})
	if err != nil {
		t.Fatal(err)
	}
	cases["load"] = lazy
	want := 0
	for name, fn := range cases {
		for range 3 {
			_, err := e.Invoke(context.Background(), "u", fn, benchReq())
			var fe *FunctionError
			if !errors.As(err, &fe) || !strings.Contains(fe.Message, "runtime failed") {
				t.Fatalf("%s: got %v, want a FunctionError", name, err)
			}
			want++
			resp, err := e.Invoke(context.Background(), "u", ok, benchReq())
			if err != nil || string(resp.Body) != `{"ok":1}` {
				t.Fatalf("%s: the next call: %v %+v", name, err, resp)
			}
		}
	}
	got := logs.panics()
	if len(got) != want {
		t.Fatalf("%d panic records, want %d (one per panic)", len(got), want)
	}
	for _, m := range got {
		if m["user"] != "u" || m["fn"] == "" || !strings.Contains(m["err"], "regexp") {
			t.Errorf("record without user, fn and err: %v", m)
		}
	}
	if st := e.Stats("u"); st.Busy != 0 || st.Warm > 1 {
		t.Errorf("pool after the panics: %+v", st)
	}
}

// TestCompilePanic: a panic while a deploy checks a module is an error
// matching ErrInternal, logged once.
func TestCompilePanic(t *testing.T) {
	logs := &records{}
	e, err := New(Config{Logger: slog.New(logs)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	_, err = e.Compile(context.Background(), Source{Path: "p.ts", Route: "p", URL: "/u/p", User: "u", Code: mod(goPanic, `[{}, function () { return 1; }]`)})
	if !errors.Is(err, ErrInternal) {
		t.Fatalf("got %v, want ErrInternal", err)
	}
	if got := logs.panics(); len(got) != 1 || got[0]["user"] != "u" || got[0]["fn"] != "p" {
		t.Fatalf("panic records: %v", got)
	}
}

// TestLimitsKnownBeforeLoad: a function's own timeout and body limit are
// known before any runtime runs it: read at Compile (Limits), handed back
// to Load, and for a bundle stored without them read by Load itself.
func TestLimitsKnownBeforeLoad(t *testing.T) {
	e, err := New(Config{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	code := mod("", `[{ bodyLimit: 100, config: { timeout: 200 } }, function () { for (;;) {} }]`)
	fn, err := e.Compile(context.Background(), Source{Path: "s.ts", Route: "s", URL: "/u/s", Code: code})
	if err != nil {
		t.Fatal(err)
	}
	if l := fn.Limits(); l != (Limits{Timeout: 200 * time.Millisecond, BodyLimit: 100}) || fn.BodyLimit() != 100 {
		t.Fatalf("Limits %+v, BodyLimit %d", l, fn.BodyLimit())
	}
	plain, err := e.Compile(context.Background(), Source{Path: "p.ts", Route: "p", URL: "/u/p", Code: mod("", `[{}, function () { return 1; }]`)})
	if err != nil {
		t.Fatal(err)
	}
	if l := plain.Limits(); l != (Limits{}) || plain.BodyLimit() != 1<<20 {
		t.Fatalf("defaults: Limits %+v, BodyLimit %d", l, plain.BodyLimit())
	}
	l := fn.Limits()
	for name, src := range map[string]Source{
		"stored limits": {Path: "s.ts", Route: "s", URL: "/u/s", Code: code, Limits: &l},
		"legacy bundle": {Path: "s.ts", Route: "s", URL: "/u/s", Code: code},
	} {
		fn, err := e.Load(src)
		if err != nil {
			t.Fatal(err)
		}
		if fn.BodyLimit() != 100 {
			t.Errorf("%s: BodyLimit %d before any runtime ran it", name, fn.BodyLimit())
		}
		t0 := time.Now()
		_, err = e.Invoke(context.Background(), "u-"+name, fn, benchReq())
		if !errors.Is(err, ErrTimeout) || time.Since(t0) > time.Second {
			t.Errorf("%s: first call: %v after %v, want ErrTimeout after 200ms", name, err, time.Since(t0))
		}
	}
	// A legacy bundle whose top level never ends does not load.
	e2, err := New(Config{Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	_, err = e2.Load(Source{Path: "l.ts", Route: "l", URL: "/u/l", Code: mod("for (;;) {}", `[{}, function () { return 1; }]`)})
	var se *SourceError
	if !errors.As(err, &se) || se.Code != "TARSUS_TIMEOUT" {
		t.Fatalf("legacy spinning top level: %v", err)
	}
}

// TestWatchdogDropsHeaviestIdle: idle runtimes are dropped by what their
// loads were seen to allocate, the heaviest first.
func TestWatchdogDropsHeaviestIdle(t *testing.T) {
	e, err := New(Config{MemoryLimit: 4 << 30, SpareRuntimes: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	heavy, err := e.Load(Source{Path: "h.ts", Route: "h", URL: "/heavy/h", Limits: &Limits{},
		Code: mod(`var keep = []; for (var i = 0; i < 8; i++) keep.push(new Uint8Array(16 << 20)); var t = Date.now(); while (Date.now() - t < 50) {}`, `[{}, function () { return keep.length; }]`)})
	if err != nil {
		t.Fatal(err)
	}
	light, err := e.Load(Source{Path: "l.ts", Route: "l", URL: "/light/l", Limits: &Limits{}, Code: mod("", `[{}, function () { return 1; }]`)})
	if err != nil {
		t.Fatal(err)
	}
	for user, fn := range map[string]*Function{"heavy": heavy, "light": light} {
		if _, err := e.Invoke(context.Background(), user, fn, benchReq()); err != nil {
			t.Fatal(err)
		}
	}
	if n, held := e.dropHeaviest(1); n != 1 || held < 16<<20 {
		t.Fatalf("dropped %d runtimes holding an estimated %d bytes", n, held)
	}
	if h, l := e.Stats("heavy").Warm, e.Stats("light").Warm; h != 0 || l != 1 {
		t.Fatalf("warm runtimes after the drop: heavy %d, light %d", h, l)
	}
}

// TestInterruptedSchemaCompileIsRetried: a loaded function whose schemas
// were being compiled when its runtime was interrupted is not broken for
// good: the next runtime compiles them.
func TestInterruptedSchemaCompileIsRetried(t *testing.T) {
	e, err := New(Config{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	until := time.Now().Add(600 * time.Millisecond).UnixMilli()
	code := mod("", `[{ schema: { get body() { while (Date.now() < `+strconv.FormatInt(until, 10)+`) {} return { type: "object" }; } } }, function () { return { ok: 1 }; }]`)
	fn, err := e.Load(Source{Path: "s.ts", Route: "s", URL: "/u/s", Code: code, Limits: &Limits{}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Invoke(context.Background(), "u", fn, benchReq()); !errors.Is(err, ErrTimeout) {
		t.Fatalf("first call, interrupted while its schemas compile: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err == nil {
			if string(resp.Body) != `{"ok":1}` || !fn.hasValidators() {
				t.Fatalf("%s, validators %v", resp.Body, fn.hasValidators())
			}
			return
		}
		if !errors.Is(err, ErrTimeout) || time.Now().After(deadline) {
			t.Fatalf("the function stayed broken: %v", err)
		}
	}
}
