package bundler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/engine"
)

// The syntax corpus (testdata/syntax) is modern JavaScript and TypeScript,
// one feature per file, each a module whose default export is a function
// returning a JSON-able answer. TestSyntaxCorpus bundles every case as a
// route, runs it in the engine (goja) and compares the answer with node's.
// It is how the set of syntax the bundler lowers (lower.go, supported) was
// found, and it keeps "the bundle does not parse in the runtime" from
// coming back for valid code.
//
// A case's first lines may hold markers:
//
//	// node: bundle            node 20 cannot run the source itself
//	                           (decorators, using): node runs the bundle
//	                           instead (TypeScript cases always do)
//	// build-error: TEXT       the bundler must refuse the case, saying TEXT
//	// known-deviation: TEXT   Tarsus still answers differently from node,
//	                           its answer (or its build or run error)
//	                           containing TEXT; the
//	                           test fails once it stops deviating, so that
//	                           the marker is removed

const syntaxDir = "testdata/syntax"

type syntaxCase struct {
	name, file, src string
	nodeBundle      bool
	buildError      string
	deviation       string
}

func readSyntaxCases(t *testing.T) []syntaxCase {
	t.Helper()
	ents, err := os.ReadDir(syntaxDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []syntaxCase
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "_") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(syntaxDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		c := syntaxCase{name: strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".js"), ".ts"), file: e.Name(), src: string(b)}
		c.nodeBundle = strings.HasSuffix(e.Name(), ".ts")
		for _, line := range strings.Split(c.src, "\n") {
			if !strings.HasPrefix(line, "//") {
				break
			}
			if v, ok := strings.CutPrefix(line, "// node: "); ok && v == "bundle" {
				c.nodeBundle = true
			}
			if v, ok := strings.CutPrefix(line, "// build-error: "); ok {
				c.buildError = v
			}
			if v, ok := strings.CutPrefix(line, "// known-deviation: "); ok {
				c.deviation = v
			}
		}
		cases = append(cases, c)
	}
	// A floor, so that the corpus cannot empty silently.
	if len(cases) < 40 {
		t.Fatalf("only %d syntax cases in %s", len(cases), syntaxDir)
	}
	return cases
}

// routeFor is the route that calls a case and answers {value}.
func routeFor(c syntaxCase) string {
	return "import run from \"./case\";\nexport default [{}, async () => ({ value: await run() })];\n"
}

func TestSyntaxCorpus(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is required: %v", err)
	}
	helper, err := os.ReadFile(filepath.Join(syntaxDir, "_helper.js"))
	if err != nil {
		t.Fatal(err)
	}
	b := bundler.New(bundler.Options{SourceMap: true, Builtins: engine.BuiltinModules(), Check: engine.CheckSyntax})
	e, err := engine.New(engine.Config{Lower: b.Lower, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	cases := readSyntaxCases(t)
	identical := 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			caseName := "case" + filepath.Ext(c.file)
			files := map[string][]byte{
				"route.js":   []byte(routeFor(c)),
				caseName:     []byte(c.src),
				"_helper.js": helper,
			}
			outs, err := b.Build(files, []string{"route.js"})
			if c.buildError != "" {
				if err == nil || !strings.Contains(err.Error(), c.buildError) {
					t.Fatalf("the build must fail with %q; got %v", c.buildError, err)
				}
				identical++
				return
			}
			var got, want string
			switch {
			case err != nil && c.deviation == "":
				t.Fatalf("build: %v", err)
			case err != nil:
				got = "error: build: " + err.Error()
			default:
				got = runEngine(t, e, outs[0])
			}
			switch {
			case err != nil && c.nodeBundle:
				want = "(not run: the build failed)"
			case c.nodeBundle:
				want = nodeBundle(t, outs[0].Code)
			default:
				want = nodeNative(t, caseName, c.src, helper)
			}
			switch {
			case c.deviation == "" && got != want:
				t.Errorf("Tarsus answers\n%s\nnode answers\n%s", got, want)
			case c.deviation != "" && got == want:
				t.Errorf("no longer deviates (both answer %s): remove its known-deviation marker", got)
			case c.deviation != "" && !strings.Contains(got, c.deviation):
				t.Errorf("deviates differently: Tarsus answers\n%s\nwhich does not contain the marker %q; node answers\n%s", got, c.deviation, want)
			case c.deviation == "":
				identical++
			}
		})
	}
	t.Logf("syntax corpus: %d of %d cases identical to node 20 (or refused at build as expected)", identical, len(cases))
}

// runEngine compiles the bundle and calls it once; the answer is the
// canonical JSON body, or "error: " and the error.
func runEngine(t *testing.T, e *engine.Engine, out bundler.Output) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	fn, err := e.Compile(ctx, engine.Source{Path: "route.js", Route: "route", URL: "/u/route", Code: out.Code, Map: out.Map, Hash: "h", User: "u"})
	if err != nil {
		return "error: " + err.Error()
	}
	resp, err := e.Invoke(ctx, "u", fn, &engine.Request{ID: "r", Method: "POST", URL: "/u/route", Host: "localhost", Protocol: "http",
		Headers: []engine.Header{{Name: "content-type", Value: "application/json"}}, Body: []byte("{}")})
	if err != nil {
		return "error: " + err.Error()
	}
	if resp.Status != 200 {
		return fmt.Sprintf("error: status %d: %s", resp.Status, resp.Body)
	}
	return canonical(t, resp.Body)
}

// canonical re-encodes a JSON document so that key order and spacing do
// not matter.
func canonical(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return "error: not JSON: " + string(b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// nodeNative runs the case's own source as an ES module under node.
func nodeNative(t *testing.T, caseName, src string, helper []byte) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("package.json", []byte(`{"type":"module"}`))
	write(caseName, []byte(src))
	write("_helper.js", helper)
	write("run.js", []byte("import run from './"+caseName+"';\nconsole.log(JSON.stringify({ value: await run() }));\n"))
	return runNodeScript(t, dir, "run.js")
}

// nodeBundle runs the bundle under node the way the engine does: a
// classic script that sets globalThis.__tarsus_mod.
func nodeBundle(t *testing.T, code []byte) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bundle.js"), code, 0o600); err != nil {
		t.Fatal(err)
	}
	harness := `const vm = require("vm"), fs = require("fs");
globalThis.require = require;
vm.runInThisContext(fs.readFileSync(__dirname + "/bundle.js", "utf8"), { filename: "bundle.js" });
const [, handler] = globalThis.` + bundler.GlobalName + `.default;
Promise.resolve(handler({}, {})).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(3) });
`
	if err := os.WriteFile(filepath.Join(dir, "run.cjs"), []byte(harness), 0o600); err != nil {
		t.Fatal(err)
	}
	return runNodeScript(t, dir, "run.cjs")
}

func runNodeScript(t *testing.T, dir, script string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	return canonical(t, bytes.TrimSpace(out))
}

// TestCheckLowersClassFieldsOnlyWhenNeeded: with Options.Check, a bundle
// goja cannot parse (a class field named set) is rebuilt with class fields
// lowered, and one it can parse keeps its native class fields and private
// #fields (lowered, those are WeakMaps, several times slower in goja).
func TestCheckLowersClassFieldsOnlyWhenNeeded(t *testing.T) {
	b := bundler.New(bundler.Options{Check: engine.CheckSyntax, NoMinify: true})
	native := "class C { #n = 1; x = 2; get() { return this.#n + this.x } }\nexport default [{}, () => new C().get()];\n"
	needs := "class C { #n = 1; set = (v) => { this.#n = v; return this.#n } }\nexport default [{}, () => new C().set(3)];\n"
	outs, err := b.Build(map[string][]byte{"native.ts": []byte(native), "needs.ts": []byte(needs)}, []string{"native.ts", "needs.ts"})
	if err != nil {
		t.Fatal(err)
	}
	if code := string(outs[0].Code); !strings.Contains(code, "#n = 1") || strings.Contains(code, "WeakMap") {
		t.Errorf("a bundle goja parses had its class fields lowered:\n%s", code)
	}
	if code := string(outs[1].Code); strings.Contains(code, "#n") || !strings.Contains(code, "__publicField") {
		t.Errorf("the bundle with a field named set was not lowered:\n%s", code)
	}
	for _, o := range outs {
		if err := engine.CheckSyntax(o.Code); err != nil {
			t.Errorf("%s does not parse in goja: %v", o.Path, err)
		}
	}
	// Without Check the field named set reaches goja and fails there.
	plain, err := bundler.New(bundler.Options{}).Build(map[string][]byte{"needs.ts": []byte(needs)}, []string{"needs.ts"})
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.CheckSyntax(plain[0].Code); err == nil {
		t.Error("goja parses a class field named set: the fallback may no longer be needed (see lower.go)")
	}
}
