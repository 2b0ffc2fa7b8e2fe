package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/bundler"
)

// The Node built-in modules are checked against Node 20 itself: each file
// in testdata/node defines `cases`, an array of functions (sync or async)
// that use a module as a package would; every case runs in node and in a
// function, and the two must answer the same (a value, a Buffer's bytes,
// or an error's name, code and message).

// nodeCaseRunner runs the cases and leaves their answers in out.
const nodeCaseRunner = `
const __norm = (v, depth = 0) => {
  if (v === undefined) return { undef: true };
  if (typeof v === 'bigint') return { bigint: String(v) };
  if (typeof v === 'number' && !Number.isFinite(v)) return { num: String(v) };
  if (v instanceof Uint8Array) return { buf: Array.from(v).map((b) => b.toString(16).padStart(2, '0')).join('') };
  if (Array.isArray(v) && depth < 3) return v.map((x) => __norm(x, depth + 1));
  return v;
};
const out = [];
for (const f of cases) {
  try {
    let r = f();
    if (r && typeof r.then === 'function') r = await r;
    out.push({ v: __norm(r) });
  } catch (e) {
    out.push({ err: { name: e && e.name, code: e && e.code, message: e && e.message } });
  }
}
`

// runNodeCases runs one cases file under node and in the engine.
func runNodeCases(t *testing.T, file string) (want, got []any, labels []string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "node", file))
	if err != nil {
		t.Fatal(err)
	}
	cases := string(src)
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required to compare answers: %v", err)
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "cases.js")
	body := "(async () => {\n" + cases + nodeCaseRunner + "\nconsole.log(JSON.stringify(out));\n})().catch((e) => { console.error(e); process.exit(1); });\n"
	if err := os.WriteFile(script, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--no-deprecation", "--no-warnings", script)
	cmd.Dir = "/" // the cwd functions see
	var stderr strings.Builder
	cmd.Stderr = &stderr
	nodeOut, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(nodeOut, &want); err != nil {
		t.Fatalf("node output %q: %v", nodeOut, err)
	}

	e, err := New(Config{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	code := "export default [{}, async () => {\n" + cases + nodeCaseRunner + "\nreturn out;\n}]"
	outs, err := bundler.New(bundler.Options{SourceMap: true, NoMinify: true, Builtins: BuiltinModules()}).Build(map[string][]byte{"f.js": []byte(code)}, []string{"f.js"})
	if err != nil {
		t.Fatal(err)
	}
	fn, err := e.Compile(context.Background(), Source{Path: "f.js", Route: "f", URL: "/f", Code: outs[0].Code, Map: outs[0].Map, Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(resp.Body, &got); err != nil {
		t.Fatalf("function output %q: %v", resp.Body, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d results, node has %d: %s", len(got), len(want), resp.Body)
	}
	// A case's label is its source: cases are written one per line.
	for _, l := range strings.Split(cases, "\n") {
		l = strings.TrimSpace(l)
		for _, part := range strings.SplitAfter(l, "), ") {
			if strings.HasPrefix(part, "() =>") || strings.HasPrefix(part, "async () =>") {
				labels = append(labels, part)
			}
		}
	}
	if len(labels) != len(want) {
		labels = nil
	}
	return want, got, labels
}

// knownDeviations are the cases where a function answers differently from
// node on purpose or by a known limit, each pinned to the exact answer it
// gives (a change shows up as a failure either way).
var knownDeviations = map[string]string{
	// Promise.withResolvers (Node 22's) is there for code that tests for it.
	"builtins_std.js#1": `{"v":"function"}`,
	// path.win32 exists but throws: functions run on Linux.
	"path.js#41": `{"err":{"code":"ERR_NOT_AVAILABLE","message":"path.win32.join() is not available in Tarsus functions (they run on Linux: use path.posix)","name":"Error"}}`,
	// The same object twice in an array, each with a circular reference:
	// node breaks the array over lines, util.inspect here keeps it on one.
	"util_inspect.js#36": `{"v":"[ \u003cref *1\u003e { name: 'c', self: [Circular *1] }, \u003cref *1\u003e { name: 'c', self: [Circular *1] } ]"}`,
}

// compareNodeCases reports every case whose answer differs from node's
// and returns how many agreed.
func compareNodeCases(t *testing.T, file string, minCases int) int {
	t.Helper()
	want, got, labels := runNodeCases(t, file)
	if len(want) < minCases {
		t.Fatalf("%s: %d cases, want at least %d", file, len(want), minCases)
	}
	pass, known := 0, 0
	for i := range want {
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want[i])
		if pinned, ok := knownDeviations[fmt.Sprintf("%s#%d", file, i)]; ok {
			if string(g) != pinned {
				t.Errorf("%s case %d: a known deviation changed:\n got    %s\n pinned %s\n node   %s", file, i, g, pinned, w)
			}
			known++
			continue
		}
		if reflect.DeepEqual(got[i], want[i]) {
			pass++
			continue
		}
		label := ""
		if i < len(labels) {
			label = labels[i]
		}
		t.Errorf("%s case %d: %s\n got  %s\n node %s", file, i, label, g, w)
	}
	t.Logf("%s: %d/%d cases answer as node 20 (%d known deviations)", file, pass, len(want), known)
	return len(want)
}

func TestNodeModules(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "node", "*.js"))
	if err != nil {
		t.Fatal(err)
	}
	// Floors, so the suite cannot empty silently.
	if len(files) < 13 {
		t.Fatalf("%d case files, want at least 13", len(files))
	}
	total, ran := 0, 0
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".js"), func(t *testing.T) {
			ran++
			total += compareNodeCases(t, name, 5)
		})
	}
	// (Unless -run picked some of the files.)
	if ran == len(files) && total < 580 {
		t.Fatalf("%d cases in all, want at least 580", total)
	}
}
