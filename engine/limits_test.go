package engine

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// sinkLines collects console output.
type sinkLines struct {
	mu    sync.Mutex
	lines []ConsoleLine
}

func (s *sinkLines) Console(_ string, l ConsoleLine) {
	s.mu.Lock()
	s.lines = append(s.lines, l)
	s.mu.Unlock()
}

// TestGuardedBuiltinsStillWork: the size-checked built-ins behave as the
// originals for ordinary sizes (identity, instanceof, subclassing, statics,
// species), so wrapping them changes nothing a function can see below the
// limits.
func TestGuardedBuiltinsStillWork(t *testing.T) {
	e, err := New(Config{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, c := range []struct{ expr, want string }{
		{`new Uint8Array(3).constructor === Uint8Array`, `true`},
		{`new Uint8Array(2) instanceof Uint8Array`, `true`},
		{`Object.getPrototypeOf(Uint8Array.prototype).constructor.name`, `"TypedArray"`},
		{`Uint8Array.name + Uint8Array.BYTES_PER_ELEMENT + Float64Array.BYTES_PER_ELEMENT`, `"Uint8Array18"`},
		{`Array.from(Uint8Array.from([1, 2, 3]).map((x: number) => x * 2))`, `[2,4,6]`},
		{`Array.from(Uint16Array.of(1, 2))`, `[1,2]`},
		{`(() => { class B extends Uint8Array { sum() { return this.reduce((a: number, b: number) => a + b, 0) } }; const b = new B([1, 2, 3]); return [b.sum(), b instanceof B, b instanceof Uint8Array, b.slice(1) instanceof B] })()`, `[6,true,true,true]`},
		{`new Uint8Array(new ArrayBuffer(8), 2, 4).length`, `4`},
		{`new ArrayBuffer(4).constructor === ArrayBuffer && ArrayBuffer.isView(new DataView(new ArrayBuffer(1)))`, `true`},
		{`Buffer.from("hi").toString("hex") + Buffer.alloc(2, 1).toString("hex") + Buffer.concat([Buffer.from("a"), Buffer.from("b")]).toString()`, `"68690101ab"`},
		{`Buffer.from("x") instanceof Uint8Array && Buffer.from("x").constructor === Buffer && require("buffer").Buffer === Buffer`, `true`},
		{`[3, 1, 2].sort().join("-") + [1, 2].map((x: number) => x + 1).indexOf(3) + [1, 2, 3].includes(2)`, `"1-2-31true"`},
		{`Math.max.apply(null, [1, 5, 2]) + Reflect.apply(Math.min, null, [4, 3])`, `8`},
		{`JSON.stringify({a: [1, {b: "c"}], d: undefined, e: new Date(0)}, null, 2)`, `"{\n  \"a\": [\n    1,\n    {\n      \"b\": \"c\"\n    }\n  ],\n  \"e\": \"1970-01-01T00:00:00.000Z\"\n}"`},
		{`JSON.stringify({a: 1, b: 2}, (k: string, v: any) => k === "b" ? undefined : v)`, `"{\"a\":1}"`},
		{`JSON.stringify({a: 1, b: 2, c: 3}, ["c", "a"])`, `"{\"c\":3,\"a\":1}"`},
		{`"a-b-c".split("-").concat("x".concat("y", "z")) `, `["a","b","c","xyz"]`},
		{`"aaa".replace("a", "$&$&") + "aaa".replaceAll("a", "b") + "\u0041\u030a".normalize("NFC")`, `"aaaabbbÅ"`},
		{`typeof globalThis.Array + (globalThis === (0, eval)("this")) + (typeof undefinedName)`, `"functiontrueundefined"`},
		{`(() => { try { (undefined as any) = 1 } catch (e) {} return typeof undefined })()`, `"undefined"`},
		{`"a1b2".replace(/\d/g, "#") + "a1b2".split(/\d/).length + [..."a1b2".matchAll(/\d/g)].map((m: any) => m[0]).join("") + "x".match(/x/g)!.length`, `"a#b#3121"`},
		{`Array.from(new Int16Array([3, 1, 2]).sort()).join() + [...new Uint8Array([7])].length + new Uint8Array([1, 2]).join("+") + JSON.parse("[1]").length`, `"1,2,311+21"`},
		{`[1, 2, 3].filter((x: number) => x > 1).reduce((a: number, b: number) => a + b, 0) + [1, [2]].flat().length + [1, 2, 3].slice(1).length + (([3, 4] as any).toReversed()[0])`, `13`},
		{`structuredClone([1, , 3]).length + Object.keys(structuredClone([1, , 3])).length`, `5`},
	} {
		fn := compileFor(t, e, `export default [{}, () => ({ r: `+c.expr+` })]`)
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		if got := string(resp.Body); got != `{"r":`+c.want+`}` {
			t.Errorf("%s: got %s, want {\"r\":%s}", c.expr, got, c.want)
		}
	}
}

// TestConsoleFormatsWithinTheCap: console output keeps its format, and a
// huge argument is cut while it is formatted.
func TestConsoleFormatsWithinTheCap(t *testing.T) {
	sink := &sinkLines{}
	e, err := New(Config{Timeout: 5 * time.Second, Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, `export default [{}, () => {
		console.log("a", 1, {b: [1, "x", null, undefined], c: undefined}, [function f() {}], undefined, null, true);
		console.warn(Math.max);
		console.assert(false, "why", {k: 1});
		const o: any = {}; o.self = o; console.log(o);
		console.log("y".repeat(2 ** 24), {big: new Array(2 ** 32 - 1)});
		return {};
	}]`)
	if _, err := e.Invoke(context.Background(), "u", fn, benchReq()); err != nil {
		t.Fatal(err)
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	want := []string{
		`a 1 {"b":[1,"x",null,null]} [null] undefined null true`,
		`[Function: max]`,
		`Assertion failed: why {"k":1}`,
		`{"self":"[Circular]"}`,
	}
	if len(sink.lines) != 5 {
		t.Fatalf("%d lines: %v", len(sink.lines), sink.lines)
	}
	for i, w := range want {
		if sink.lines[i].Text != w {
			t.Errorf("line %d: %q, want %q", i, sink.lines[i].Text, w)
		}
	}
	if l := sink.lines[4].Text; len(l) > e.cfg.MaxLogLine+64 || !strings.HasSuffix(l, "[line truncated]") {
		t.Errorf("the huge line was not cut: %d bytes", len(l))
	}
}

// TestLimitsAreConfigurable: each limit comes from Config and its error
// names it.
func TestLimitsAreConfigurable(t *testing.T) {
	e, err := New(Config{Timeout: 5 * time.Second, MaxArrayLength: 10, MaxTypedArrayBytes: 16, MaxResponseBytes: 400, MaxStringLen: 64})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, c := range []struct{ expr, code, msg string }{
		{`Array.from({length: 11})`, "TARSUS_LIMIT", "the limit is 10 (engine MaxArrayLength)"},
		{`new Float64Array(3)`, "TARSUS_LIMIT", "the limit is 16 (engine MaxTypedArrayBytes)"},
		{`"x".repeat(65)`, "TARSUS_LIMIT", "the limit is 64 (engine MaxStringLen)"},
		{`"x".concat("y".repeat(60), "z".repeat(60), "w".repeat(60), "v".repeat(60), "u".repeat(60), "t".repeat(60), "s".repeat(60))`, "TARSUS_LIMIT", "the limit is 64 (engine MaxStringLen)"},
		{`(() => { let s = ""; for (let i = 0; i < 10; i++) s += "y".repeat(50); return s })()`, "TARSUS_RESPONSE_TOO_LARGE", "the limit is 400 bytes (engine MaxResponseBytes)"},
		{`[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]`, "TARSUS_RESPONSE_TOO_LARGE", "more than 10 values (engine MaxArrayLength)"},
	} {
		fn := compileFor(t, e, `export default [{}, () => `+c.expr+`]`)
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		if b := string(resp.Body); resp.Status != 500 || !strings.Contains(b, `"code":"`+c.code+`"`) || !strings.Contains(b, c.msg) {
			t.Errorf("%s: %d %s", c.expr, resp.Status, b)
		}
	}
}

// TestSparseLoopsStopAtTheDeadline: a native loop over a sparse array's
// holes (spread) is interrupted by the deadline through the hole watcher,
// instead of running to 2**32.
func TestSparseLoopsStopAtTheDeadline(t *testing.T) {
	e, err := New(Config{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, `export default [{}, () => [...new Array(2 ** 32 - 1)].length]`)
	t0 := time.Now()
	_, err = e.Invoke(context.Background(), "u", fn, benchReq())
	if err != ErrTimeout {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if d := time.Since(t0); d > 2*time.Second {
		t.Fatalf("took %v after a 200ms deadline", d)
	}
}

// BenchmarkNewRuntime measures creating a blank runtime (host APIs,
// lifecycle, guards), as the spare-runtime filler does.
func BenchmarkNewRuntime(b *testing.B) {
	e, err := New(Config{SpareRuntimes: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		rt, err := newRuntime(e, "u")
		if err != nil {
			b.Fatal(err)
		}
		rt.close()
	}
}
