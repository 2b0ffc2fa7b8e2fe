package bundler

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// spreadCases exercises object spread and rest where their semantics are
// subtle: getters run once, symbols copied, null and undefined sources,
// own vs inherited and non-enumerable properties, strings, arrays,
// __proto__ as an own key, order of keys, rest exclusion. The hostile
// suite runs the same file through the real server.
var spreadCases = readSpreadCases("testdata/spread_cases.js")

// readSpreadCases reads the shared cases file (a test's working directory
// is its package's folder).
func readSpreadCases(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		panic("the spread cases: " + err.Error())
	}
	return string(b)
}

// TestBuildLowersObjectSpread: a bundle has no native object spread or
// rest, and the lowered helpers behave as node's native ones.
func TestBuildLowersObjectSpread(t *testing.T) {
	b := New(Options{NoMinify: true})
	outs, err := b.Build(files("spread.js", spreadCases+"\nexport default [{}, () => run()];\n"), []string{"spread.js"})
	if err != nil {
		t.Fatal(err)
	}
	code := string(outs[0].Code)
	for _, h := range []string{"__spreadValues", "__objRest"} {
		if !strings.Contains(code, h) {
			t.Errorf("bundle does not use %s:\n%s", h, code)
		}
	}
	got := runNode(t, outs[0].Code).Result
	want := nodeRun(t, spreadCases+"\nconsole.log(JSON.stringify(run()));\n")
	if string(got) != want {
		t.Errorf("lowered spread gives\n%s\nnode's native spread gives\n%s", got, want)
	}
}

// nodeRun runs a script in node and returns its output, trimmed.
func nodeRun(t *testing.T, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "native.js")
	if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", p).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestLowerBundle: a bundle built elsewhere with native object spread is
// lowered, its map composed so positions still point at the user's file.
func TestLowerBundle(t *testing.T) {
	dir := t.TempDir()
	src := spreadCases + "\nexport default [{}, () => run()];\n"
	if err := os.WriteFile(filepath.Join(dir, "route.js"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{filepath.Join(dir, "route.js")}, Bundle: true, Write: false,
		Format: api.FormatIIFE, GlobalName: "x", Target: api.ES2022, Outfile: filepath.Join(dir, "out.js"),
		Sourcemap: api.SourceMapExternal, MinifyWhitespace: true, MinifySyntax: true, LogLevel: api.LogLevelSilent,
		Footer: map[string]string{"js": "globalThis." + GlobalName + "={default:x.default};"},
	})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	var code, smap []byte
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".map") {
			smap = f.Contents
		} else {
			code = f.Contents
		}
	}
	code = relinkMap(code, "route")
	if !strings.Contains(string(code), "{...") {
		t.Fatalf("the test bundle should have native spread:\n%s", code)
	}
	b := New(Options{})
	low, lowMap, err := b.LowerBundle(code, smap)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(low), "{...") || strings.Contains(string(low), ",...") {
		t.Errorf("lowered bundle still has native object spread:\n%s", low)
	}
	if !strings.HasSuffix(string(low), "\n//# sourceMappingURL="+MapName("route")) {
		t.Errorf("lowered bundle lost its map comment:\n%s", low)
	}
	if got, want := string(runNode(t, low).Result), nodeRun(t, spreadCases+"\nconsole.log(JSON.stringify(run()));\n"); got != want {
		t.Errorf("lowered bundle gives\n%s\nnative gives\n%s", got, want)
	}
	var sm struct {
		Sources  []string `json:"sources"`
		Mappings string   `json:"mappings"`
	}
	if err := json.Unmarshal(lowMap, &sm); err != nil {
		t.Fatalf("map: %v\n%s", err, lowMap)
	}
	line, col := position(t, string(low), `Symbol("hidden")`)
	m, ok := lookup(decodeMappings(t, sm.Mappings), line, col)
	if !ok {
		t.Fatalf("no mapping for %d:%d", line, col)
	}
	wantLine, wantCol := position(t, src, `Symbol("hidden")`)
	if got := sm.Sources[m.source]; !strings.HasSuffix(got, "route.js") || m.origLine != wantLine || m.origCol != wantCol {
		t.Errorf("Symbol(\"hidden\") maps to %s:%d:%d, want route.js:%d:%d", got, m.origLine+1, m.origCol+1, wantLine+1, wantCol+1)
	}

	// Without "..." the bundle is left as it is.
	plain := []byte("globalThis.a=1;\n//# sourceMappingURL=r.js.map")
	if c, m, err := b.LowerBundle(plain, []byte("{}")); err != nil || string(c) != string(plain) || string(m) != "{}" {
		t.Errorf("LowerBundle(plain) = %q, %q, %v; want it unchanged", c, m, err)
	}
}

func TestLower(t *testing.T) {
	b := New(Options{})
	got, err := b.Lower("return (function anonymous(a\n) {\nreturn {...a, b: 1}\n})")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "__spreadValues") || strings.Contains(got, "{...") {
		t.Errorf("Lower did not lower the spread:\n%s", got)
	}
	if got, err := b.Lower("return [1, 2].map(x => x)"); err != nil || got != "return [1, 2].map(x => x)" {
		t.Errorf("Lower of code without ... = %q, %v; want it unchanged", got, err)
	}
	if _, err := b.Lower("({...a"); err == nil || !strings.Contains(err.Error(), "(1:") {
		t.Errorf("Lower of a syntax error = %v; want an error with its position", err)
	}
}

// TestLowerUnchanged: code with "..." but no object spread or rest (array
// spread, rest parameters, strings, bundles already lowered) is returned
// byte for byte, so a client's bundle keeps its hash.
func TestLowerUnchanged(t *testing.T) {
	b := New(Options{})
	for _, src := range []string{
		"return (function anonymous(...a\n) {\nreturn [...a, 'Loading...']\n})",
		"// {...x}\nf(...args)",
	} {
		if got, err := b.Lower(src); err != nil || got != src {
			t.Errorf("Lower(%q) = %q, %v; want it unchanged", src, got, err)
		}
	}
	outs, err := New(Options{SourceMap: true}).Build(files("r.js", spreadCases+"\nexport default [{}, (...a) => [...a, run()]];\n"), []string{"r.js"})
	if err != nil {
		t.Fatal(err)
	}
	if c, m, err := b.LowerBundle(outs[0].Code, outs[0].Map); err != nil || string(c) != string(outs[0].Code) || string(m) != string(outs[0].Map) {
		t.Errorf("LowerBundle of a bundle Build made changed it (err %v)", err)
	}
}
