package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/bundler"
)

// TestWPT runs web-platform-tests' .any.js files for streams, encoding and
// compression against the runtime, one function per file, with a small
// testharness.js stand-in (testdata/wpt/harness.js), and reports the pass
// rate per directory.
//
// The WPT files are not in this repository: TARSUS_WPT_DIR names a folder
// laid out as web-platform-tests/wpt is (streams/…, encoding/…,
// compression/…); without it the test is skipped, saying so.
// wptFloor is the pass rate each directory must keep, measured when the
// Web classes were written (a regression fails the test).
// The encoding tests mix in UTF-16, legacy encodings and
// SharedArrayBuffer, which Tarsus does not have (TextDecoder is UTF-8
// only); their UTF-8 cases pass.
var wptFloor = map[string]float64{
	"encoding":         0.18,
	"encoding/streams": 1.0,
	"streams":          0.9,
}

var metaScript = regexp.MustCompile(`(?m)^// META: script=(\S+)`)

func TestWPT(t *testing.T) {
	root := os.Getenv("TARSUS_WPT_DIR")
	if root == "" {
		t.Skip("TARSUS_WPT_DIR is not set: it names a copy of web-platform-tests/wpt (streams/, encoding/, compression/) whose .any.js tests this runs")
	}
	harness, err := os.ReadFile(filepath.Join("testdata", "wpt", "harness.js"))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, top := range []string{"streams", "encoding", "compression"} {
		_ = filepath.WalkDir(filepath.Join(root, top), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".any.js") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatalf("no .any.js files under %s/{streams,encoding,compression}", root)
	}
	e, err := New(Config{Timeout: 60 * time.Second, MaxResponseBytes: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	type tally struct{ pass, total, fileErrs int }
	dirs := map[string]*tally{}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		dir := filepath.ToSlash(filepath.Dir(rel))
		if dirs[dir] == nil {
			dirs[dir] = &tally{}
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		b.Write(harness)
		for _, m := range metaScript.FindAllStringSubmatch(string(src), -1) {
			p := m[1]
			if !strings.HasPrefix(p, "/") {
				p = path.Join(dir, p)
			}
			if res, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(p, "/")))); err == nil {
				b.Write(res)
				b.WriteString("\n")
			} // else: the harness provides it, or the tests that need it fail
		}
		b.Write(src)
		results, err := runWPTFile(t, e, b.String())
		if err != nil {
			dirs[dir].fileErrs++
			t.Logf("%s: %v", rel, err)
			continue
		}
		pass := 0
		for _, r := range results {
			if r.Status == "PASS" {
				pass++
			} else if testing.Verbose() {
				t.Logf("%s: %s %q: %s", rel, r.Status, r.Name, r.Message)
			}
		}
		t.Logf("%s: %d/%d", rel, pass, len(results))
		dirs[dir].pass += pass
		dirs[dir].total += len(results)
	}
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		tl := dirs[d]
		rate := 0.0
		if tl.total > 0 {
			rate = float64(tl.pass) / float64(tl.total)
		}
		t.Logf("WPT %-32s %4d/%-4d passed (%.0f%%), %d files failed to run", d, tl.pass, tl.total, 100*rate, tl.fileErrs)
		if floor, ok := wptFloor[d]; ok && rate < floor {
			t.Errorf("WPT %s: pass rate %.2f is below its floor %.2f", d, rate, floor)
		}
	}
}

type wptResult struct{ Name, Status, Message string }

func runWPTFile(t *testing.T, e *Engine, script string) ([]wptResult, error) {
	t.Helper()
	src := "export default [{}, async () => {\n" + script + "\nreturn await __wptRun();\n}]"
	fn, err := compileWPT(e, src)
	if err != nil {
		return nil, err
	}
	resp, err := e.Invoke(context.Background(), "wpt", fn, benchReq())
	if err != nil {
		return nil, err
	}
	var out []wptResult
	if err := json.Unmarshal(resp.Body, &out); err != nil {
		return nil, fmt.Errorf("%d %s", resp.Status, resp.Body)
	}
	return out, nil
}

// compileWPT bundles a test file as JavaScript (compileFor's TypeScript
// would read some test code differently) and compiles it.
func compileWPT(e *Engine, src string) (*Function, error) {
	outs, err := bundler.New(bundler.Options{}).Build(map[string][]byte{"f.js": []byte(src)}, []string{"f.js"})
	if err != nil {
		return nil, err
	}
	return e.Compile(context.Background(), Source{Path: "f.js", Route: "f", URL: "/wpt/f", Code: outs[0].Code, Hash: "h"})
}
