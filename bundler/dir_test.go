package bundler

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeTree writes files (slash paths relative to root) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// project lays out a user's project: node_modules with hand-made packages
// next to the functions folder, which it returns.
func project(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		// An ESM-only package, resolved through "exports".
		"node_modules/fakepkg/package.json": `{"name": "fakepkg", "type": "module", "exports": {".": "./index.js", "./sub": "./sub.js"}}`,
		"node_modules/fakepkg/index.js":     `export function shout(s) { return s.toUpperCase() + "!" }` + "\n" + `export function unused() { return "tree-shaken-away" }`,
		"node_modules/fakepkg/sub.js":       `export const sub = "sub";`,
		// A CommonJS-only package.
		"node_modules/cjspkg/package.json":  `{"name": "cjspkg", "main": "lib/main.js"}`,
		"node_modules/cjspkg/lib/main.js":   `const helper = require("./helper"); module.exports = { triple: (x) => helper.times(x, 3) };`,
		"node_modules/cjspkg/lib/helper.js": `exports.times = function (a, b) { return a * b };`,
		// A polyfill named like a Node built-in.
		"node_modules/events/package.json": `{"name": "events", "main": "events.js"}`,
		"node_modules/events/events.js":    `module.exports = { EventEmitter: function EventEmitter() { this.polyfill = true } };`,
		// A package that needs a forbidden built-in.
		"node_modules/needsfs/package.json": `{"name": "needsfs", "main": "index.js"}`,
		"node_modules/needsfs/index.js":     `const fs = require("fs"); module.exports = () => fs.readFileSync;`,

		"functions/orders/create.ts": `import {shout} from "fakepkg";
import {sub} from "fakepkg/sub";
import cjs from "cjspkg";
import {triple} from "cjspkg";
import {EventEmitter} from "events";
import {Buffer} from "node:buffer";
import {db} from "../_lib/db.js";
import type {FastifyRequest} from "fastify";
export default function () {
  return [{}, (req: FastifyRequest) => ({
    shout: shout(db), sub, nine: cjs.triple(3), six: triple(2),
    polyfill: (new (EventEmitter as any)()).polyfill, b64: Buffer.from("x").toString("base64"),
  })]
}
`,
		"functions/_lib/db.ts":       `export const db: string = "hello";`,
		"functions/hello.ts":         seed,
		"functions/bad/syntax.ts":    "export default [{}, () => 1\n",
		"functions/bad/nopkg.ts":     "import left from \"left-pad\";\nexport default [{}, () => left]\n",
		"functions/bad/fs.ts":        "import {readFileSync} from \"fs\";\nexport default [{}, () => readFileSync]\n",
		"functions/bad/nodeev.ts":    "import {EventEmitter} from \"node:events\";\nexport default [{}, () => EventEmitter]\n",
		"functions/bad/needsfs.ts":   "import f from \"needsfs\";\nexport default [{}, f]\n",
		"functions/_lib/notroute.ts": "export default 1",
	})
	return filepath.Join(root, "functions")
}

func TestBuildDir(t *testing.T) {
	dir := project(t)
	tests := []struct {
		name    string
		dir     string
		entries []string
		result  string
		sources []string // sorted; nil to skip
		errs    []wantErr
	}{
		{
			name:    "ESM and CommonJS packages, polyfill, built-in, relative import",
			dir:     dir,
			entries: []string{"orders/create.ts"},
			result:  `{"shout":"HELLO!","sub":"sub","nine":9,"six":6,"polyfill":true,"b64":"eA=="}`,
			sources: []string{
				"../node_modules/cjspkg/lib/helper.js", "../node_modules/cjspkg/lib/main.js",
				"../node_modules/events/events.js", "../node_modules/fakepkg/index.js",
				"_lib/db.ts", "orders/create.ts", // sub.js's constant was inlined: no mapping
			},
		},
		{
			name:    "seed example",
			dir:     dir,
			entries: []string{"hello.ts"},
			result:  `{"pong":"12it worked!"}`,
			sources: []string{"hello.ts"},
		},
		{
			name:    "every entry's errors, with paths relative to the functions folder",
			dir:     dir,
			entries: []string{"hello.ts", "bad/syntax.ts", "bad/nopkg.ts", "bad/fs.ts", "bad/nodeev.ts", "bad/needsfs.ts"},
			errs: []wantErr{
				{"../node_modules/needsfs/index.js", 1, 20, `Node built-in "fs" is not available in Tarsus functions`, ""},
				{"bad/fs.ts", 1, 28, `Node built-in "fs" is not available in Tarsus functions`, ""},
				{"bad/nodeev.ts", 1, 28, `Node built-in "node:events" is not available`, ""},
				{"bad/nopkg.ts", 1, 18, `Could not resolve "left-pad"`, ""},
				{"bad/syntax.ts", 2, 1, `Expected "]" but found end of file`, ""},
			},
		},
		{
			name:    "entries that are missing or not routes",
			dir:     dir,
			entries: []string{"nope.ts", "_lib/notroute.ts", "../escape.ts"},
			errs: []wantErr{
				{"../escape.ts", 0, 0, `".." segments are not allowed`, ""},
				{"_lib/notroute.ts", 0, 0, "is shared, not a route", ""},
				{"nope.ts", 0, 0, `entry "nope.ts"`, ""},
			},
		},
		{
			name:    "missing functions folder",
			dir:     filepath.Join(dir, "does-not-exist"),
			entries: []string{"hello.ts"},
			errs:    []wantErr{{filepath.Join(dir, "does-not-exist"), 0, 0, "functions folder", ""}},
		},
	}
	b := New(Options{SourceMap: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, err := b.BuildDir(tt.dir, tt.entries)
			if tt.errs != nil {
				if outs != nil {
					t.Errorf("outputs = %d, want none on error", len(outs))
				}
				checkErrors(t, err, tt.errs)
				return
			}
			if err != nil {
				t.Fatalf("BuildDir: %v", err)
			}
			out := outs[0]
			code := string(out.Code)
			if out.Route != RouteOf(tt.entries[0]) || !strings.HasSuffix(code, "\n//# sourceMappingURL="+MapName(out.Route)) {
				t.Errorf("route %q, code ends %q", out.Route, code[max(0, len(code)-60):])
			}
			if strings.Contains(code, "tree-shaken-away") || strings.Contains(code, "node:buffer") {
				t.Errorf("unexpected code:\n%s", code)
			}
			var sm struct {
				Sources []string `json:"sources"`
			}
			if err := json.Unmarshal(out.Map, &sm); err != nil {
				t.Fatal(err)
			}
			// The generated entry is a source too (it maps nothing a user wrote).
			if !slices.Contains(sm.Sources, entryName) {
				t.Errorf("sources = %q, want the generated entry %s among them", sm.Sources, entryName)
			}
			if got := slices.DeleteFunc(slices.Sorted(slices.Values(sm.Sources)), func(s string) bool { return s == entryName }); !slices.Equal(got, tt.sources) {
				t.Errorf("sources = %q, want %q", got, tt.sources)
			}
			if res := runNode(t, out.Code); res.N != 2 || string(res.Result) != tt.result {
				t.Errorf("ran to %d elements, handler returned %s; want 2 and %s", res.N, res.Result, tt.result)
			}
		})
	}
}

// TestBuildDirMatchesBuild checks that the CLI and the server produce the
// same minified bundle from the same files. (Unminified output differs in
// its file comments: "// tarsus:orders/create.ts" in memory.)
func TestBuildDirMatchesBuild(t *testing.T) {
	fs := map[string]string{
		"orders/create.ts": `import {db} from "../_lib/db"; export default [{}, () => db]`,
		"_lib/db.ts":       `export const db = {rows: [1, 2]}`,
	}
	dir := t.TempDir()
	writeTree(t, dir, fs)
	mem := map[string][]byte{}
	for k, v := range fs {
		mem[k] = []byte(v)
	}
	tests := []struct {
		name string
		opts Options
	}{
		{"minified with map", Options{SourceMap: true}},
		{"minified without map", Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := New(tt.opts)
			fromDisk, err := b.BuildDir(dir, []string{"orders/create.ts"})
			if err != nil {
				t.Fatal(err)
			}
			fromMem, err := b.Build(mem, []string{"orders/create.ts"})
			if err != nil {
				t.Fatal(err)
			}
			if string(fromDisk[0].Code) != string(fromMem[0].Code) || string(fromDisk[0].Map) != string(fromMem[0].Map) {
				t.Errorf("disk and memory bundles differ:\n%s\n%s\n%s\n%s", fromDisk[0].Code, fromMem[0].Code, fromDisk[0].Map, fromMem[0].Map)
			}
		})
	}
}

// TestBuildDirWorkerResolution: packages resolve as wrangler resolves them
// for Workers: the workerd, worker and browser "exports" conditions apply
// and node does not (a package's conditions match in its own key order), the "browser" field (an entry, a map that swaps a file,
// a map that disables a built-in, which becomes an empty module), and the
// browser main field before module and main.
func TestBuildDirWorkerResolution(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"node_modules/cond-workerd/package.json":  `{"name": "cond-workerd", "exports": {"node": "./node.js", "workerd": "./workerd.js", "worker": "./worker.js", "browser": "./browser.js", "default": "./default.js"}}`,
		"node_modules/cond-workerd/node.js":       `module.exports = "node";`,
		"node_modules/cond-workerd/workerd.js":    `module.exports = "workerd";`,
		"node_modules/cond-workerd/worker.js":     `module.exports = "worker";`,
		"node_modules/cond-workerd/browser.js":    `module.exports = "browser";`,
		"node_modules/cond-workerd/default.js":    `module.exports = "default";`,
		"node_modules/cond-worker/package.json":   `{"name": "cond-worker", "exports": {"node": "./node.js", "worker": "./worker.js", "default": "./default.js"}}`,
		"node_modules/cond-worker/node.js":        `module.exports = "node";`,
		"node_modules/cond-worker/worker.js":      `module.exports = "worker";`,
		"node_modules/cond-worker/default.js":     `module.exports = "default";`,
		"node_modules/cond-import/package.json":   `{"name": "cond-import", "exports": {"node": "./node.js", "import": "./esm.mjs", "require": "./cjs.js"}}`,
		"node_modules/cond-import/node.js":        `module.exports = "node";`,
		"node_modules/cond-import/esm.mjs":        `export default "import";`,
		"node_modules/cond-import/cjs.js":         `module.exports = "require";`,
		"node_modules/field-browser/package.json": `{"name": "field-browser", "main": "./main.js", "module": "./module.js", "browser": "./browser.js"}`,
		"node_modules/field-browser/main.js":      `module.exports = "main";`,
		"node_modules/field-browser/module.js":    `export default "module";`,
		"node_modules/field-browser/browser.js":   `module.exports = "browser-field";`,
		"node_modules/map-browser/package.json":   `{"name": "map-browser", "main": "./index.js", "browser": {"./node-impl.js": "./web-impl.js", "fs": false}}`,
		"node_modules/map-browser/index.js":       `const fs = require("fs"); module.exports = require("./node-impl.js") + ":" + typeof fs + ":" + Object.keys(fs).length;`,
		"node_modules/map-browser/node-impl.js":   `module.exports = "node-impl";`,
		"node_modules/map-browser/web-impl.js":    `module.exports = "web-impl";`,
		"functions/r.ts": `import a from "cond-workerd"; import b from "cond-worker"; import c from "cond-import"; import d from "field-browser"; import e from "map-browser";
const req = require("cond-import");
export default [{}, () => ({ a, b, c, req, d, e })];`,
	})
	outs, err := New(Options{NoMinify: true}).BuildDir(filepath.Join(root, "functions"), []string{"r.ts"})
	if err != nil {
		t.Fatal(err)
	}
	got := string(runNode(t, outs[0].Code).Result)
	want := `{"a":"workerd","b":"worker","c":"import","req":"require","d":"browser-field","e":"web-impl:object:0"}`
	if got != want {
		t.Errorf("resolved\n%s\nwant\n%s", got, want)
	}
}
