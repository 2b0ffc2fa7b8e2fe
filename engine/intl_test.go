package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/tarsus/tarsus/bundler"
)

// intlCases reads testdata/intl_cases.js: one expression a line.
func intlCases(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/intl_cases.js")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "//") {
			out = append(out, l)
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d cases", len(out))
	}
	return out
}

// intlScript is a script whose run() returns each case's result as a
// string (or the name of what it threw).
func intlScript(cases []string) string {
	var b strings.Builder
	b.WriteString("const cases: Array<() => any> = [\n")
	for _, c := range cases {
		b.WriteString("  () => (" + c + "),\n")
	}
	b.WriteString(`];
function one(f: () => any) {
  try { return String(f()); } catch (e: any) { return "throws " + (e && e.name) + ": " + (e && e.message); }
}
function run() { return cases.map(one); }
`)
	return b.String()
}

// runNodeTS runs TypeScript under node after stripping it with the
// repository's bundler (as a function's code would be).
func runNodeTS(t *testing.T, src string, env ...string) string {
	t.Helper()
	code := bundleTS(t, src)
	p := filepath.Join(t.TempDir(), "main.js")
	if err := os.WriteFile(p, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", p)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	return string(out)
}

// TestIntlMatchesNode runs every case of testdata/intl_cases.js in the
// engine and under Node 20 (full ICU; UTC and en-US, the engine's
// defaults) and compares the results.
func TestIntlMatchesNode(t *testing.T) {
	cases := intlCases(t)
	script := intlScript(cases)
	node := runNodeTS(t, script+"console.log(JSON.stringify(run()));\n", "TZ=UTC", "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8")
	var want []string
	if err := json.Unmarshal([]byte(node), &want); err != nil {
		t.Fatalf("node said %q: %v", node, err)
	}
	e, err := New(Config{Timeout: 60 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	// One invocation a case, in the same runtime: each has its own
	// deadline.
	fn := compileFor(t, e, script+"export default [{}, (request: any) => ({ r: one(cases[request.body.i]) })];\n")
	got := make([]string, len(cases))
	for i := range cases {
		req := benchReq()
		req.Body = []byte(fmt.Sprintf(`{"i":%d}`, i))
		req.Headers = []Header{{"content-type", "application/json"}, {"content-length", strconv.Itoa(len(req.Body))}}
		resp, err := e.Invoke(context.Background(), "u", fn, req)
		if err != nil {
			t.Fatalf("%s: %v", cases[i], err)
		}
		var r struct{ R string }
		if err := json.Unmarshal(resp.Body, &r); err != nil {
			t.Fatalf("%s: engine said %s: %v", cases[i], resp.Body, err)
		}
		got[i] = r.R
	}
	if len(want) != len(cases) {
		t.Fatalf("%d cases, node %d results", len(cases), len(want))
	}
	same := 0
	for i, c := range cases {
		if reason, known := intlKnownDifferences[c]; known {
			if got[i] == want[i] {
				t.Errorf("%s: now matches node (%q): drop it from intlKnownDifferences (%s)", c, want[i], reason)
			}
			continue
		}
		if got[i] != want[i] {
			t.Errorf("%s\n engine: %q\n   node: %q", c, got[i], want[i])
			continue
		}
		same++
	}
	t.Logf("%d of %d cases identical to node (%d known differences)", same, len(cases), len(intlKnownDifferences))
}

// intlKnownDifferences are the cases whose answer differs from Node's,
// each with why.
var intlKnownDifferences = map[string]string{
	"JSON.stringify(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).resolvedOptions())": "the same options in the order of the current ECMA-402 (roundingMode before roundingIncrement); Node 20's V8 lists them in an older order",
	"JSON.stringify(new Intl.PluralRules('fr').resolvedOptions().pluralCategories)":                            "ECMA-402 now orders the categories (zero, one, two, few, many, other); Node 20's ICU lists them in its own order",
}

// bundleTS strips and bundles TypeScript with the repository's bundler.
func bundleTS(t *testing.T, src string) string {
	t.Helper()
	outs, err := bundler.New(bundler.Options{}).Build(map[string][]byte{"f.ts": []byte(src)}, []string{"f.ts"})
	if err != nil {
		t.Fatal(err)
	}
	return string(outs[0].Code)
}

// BenchmarkIntlFirstUse measures what a runtime pays the first time it
// touches Intl (the programs are compiled once per engine, before the
// timer): a new runtime, then one call. Heap is the live heap the
// runtime holds afterwards.
func BenchmarkIntlFirstUse(b *testing.B) {
	for _, c := range []struct{ name, expr string }{
		{"none", `1`},
		{"NumberFormat", `new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1234.5)`},
		{"toLocaleString", `(1234.5).toLocaleString()`},
		{"NumberFormat-de", `new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5)`},
		{"DateTimeFormat", `new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', dateStyle: 'medium', timeStyle: 'short' }).format(0)`},
		{"Collator", `['b', 'a'].sort(new Intl.Collator('de').compare).join()`},
		{"PluralRules", `new Intl.PluralRules('en').select(1)`},
	} {
		b.Run(c.name, func(b *testing.B) {
			e, err := New(Config{SpareRuntimes: -1, Timeout: time.Minute})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			warm, err := newRuntime(e, "u")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := warm.vm.RunString(c.expr); err != nil {
				b.Fatal(err)
			}
			warm.close()
			var heap uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rt, err := newRuntime(e, "u")
				if err != nil {
					b.Fatal(err)
				}
				if _, err := rt.vm.RunString(c.expr); err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					b.StopTimer()
					var m0, m1 goruntime.MemStats
					goruntime.GC()
					goruntime.ReadMemStats(&m1)
					rt.close()
					rt = nil
					goruntime.GC()
					goruntime.ReadMemStats(&m0)
					heap = m1.HeapAlloc - m0.HeapAlloc
					b.StartTimer()
					continue
				}
				rt.close()
			}
			b.ReportMetric(float64(heap), "heap-B")
		})
	}
}

// BenchmarkIntlCall measures calls in a warm runtime.
func BenchmarkIntlCall(b *testing.B) {
	for _, c := range []struct{ name, setup, expr string }{
		{"NumberFormat.format", `globalThis.nf = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' })`, `nf.format(1234.5)`},
		{"toLocaleString", ``, `(1234.5).toLocaleString()`},
		{"DateTimeFormat.format", `globalThis.df = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' })`, `df.format(1.7e12)`},
		{"new DateTimeFormat", ``, `new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }).format(1.7e12)`},
		{"Date.toLocaleString", ``, `new Date(1.7e12).toLocaleString('en-US', { timeZone: 'Europe/Berlin' })`},
		{"localeCompare", ``, `'a'.localeCompare('b')`},
		{"Segmenter", `globalThis.sg = new Intl.Segmenter('en', { granularity: 'word' })`, `[...sg.segment('Hello, world')].length`},
	} {
		b.Run(c.name, func(b *testing.B) {
			e, err := New(Config{SpareRuntimes: -1, Timeout: time.Minute})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			rt, err := newRuntime(e, "u")
			if err != nil {
				b.Fatal(err)
			}
			defer rt.close()
			if c.setup != "" {
				if _, err := rt.vm.RunString(c.setup); err != nil {
					b.Fatal(err)
				}
			}
			p := goja.MustCompile("b.js", c.expr, false)
			if _, err := rt.vm.RunProgram(p); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := rt.vm.RunProgram(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestIntlBounded: formatting without end (an endless list, a huge
// string walked segment by segment) ends at the deadline or a limit,
// never hangs, and the engine goes on serving.
func TestIntlBounded(t *testing.T) {
	e, err := New(Config{Timeout: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, expr := range []string{
		`new Intl.ListFormat('en').format((function* () { for (;;) yield 'x'; })())`,
		`new Intl.ListFormat('en').formatToParts((function* () { for (;;) yield 'x'; })()).length`,
		`[...new Intl.Segmenter('en', { granularity: 'word' }).segment('ab '.repeat(3e6))].length`,
		`(() => { const s = new Intl.Segmenter().segment('a'.repeat(1e6)); let n = 0; for (let i = 0; i < 1e6; i += 1000) n += s.containing(i).index; return n; })()`,
		`(() => { const c = new Intl.Collator('de'); let n = 0; const a = 'x'.repeat(1e6); for (;;) n += c.compare(a, a + 'y'); })()`,
		`new Intl.NumberFormat('en', { maximumFractionDigits: 1e9 }).format(1)`,
		`new Intl.NumberFormat('en').format('1'.repeat(1e6))`,
	} {
		fn := compileFor(t, e, `export default [{}, () => ({ r: `+expr+` })]`)
		start := time.Now()
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		took := time.Since(start)
		switch {
		case err != nil && errors.Is(err, ErrTimeout):
		case err != nil:
			t.Errorf("%s: %v", expr, err)
		case resp.Status >= 500 || resp.Status == 400 || strings.Contains(string(resp.Body), "RangeError") || strings.Contains(string(resp.Body), "TARSUS_LIMIT"):
		default:
			t.Logf("%s answered %d %.200s", expr, resp.Status, resp.Body)
		}
		if took > 30*time.Second {
			t.Errorf("%s took %v against a 3 s deadline", expr, took)
		}
	}
	fn := compileFor(t, e, `export default [{}, () => ({ r: (1234.5).toLocaleString('de') })]`)
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil || string(resp.Body) != `{"r":"1.234,5"}` {
		t.Fatalf("after the attacks: %v %s", err, resp.Body)
	}
}
