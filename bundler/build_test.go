package bundler

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
)

// wantErr describes an expected Error; text is a substring of Error.Text.
type wantErr struct {
	file      string
	line, col int
	text      string
	lineText  string
}

func checkErrors(t *testing.T, err error, want []wantErr) {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error = %v (%T), want Errors", err, err)
	}
	if len(es) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(es), len(want), es)
	}
	for i, w := range want {
		e := es[i]
		if e.File != w.file || e.Line != w.line || e.Column != w.col || !strings.Contains(e.Text, w.text) {
			t.Errorf("error %d = %s, want %s:%d:%d: ...%s...", i, e, w.file, w.line, w.col, w.text)
		}
		if w.lineText != "" && e.LineText != w.lineText {
			t.Errorf("error %d LineText = %q, want %q", i, e.LineText, w.lineText)
		}
	}
}

func files(kv ...string) map[string][]byte {
	m := map[string][]byte{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = []byte(kv[i+1])
	}
	return m
}

func TestBuild(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		files   map[string][]byte
		entries []string
		// On success:
		result      string   // JSON the handler returns when run in node ("" to not run)
		contains    []string // substrings of the code
		notContains []string
		// On failure:
		errs []wantErr
	}{
		{
			name:    "seed example with type-only fastify imports",
			files:   files("orders/create.ts", seed),
			entries: []string{"orders/create.ts"},
			result:  `{"pong":"12it worked!"}`,
			// Minified, but functions keep their names as Node gives them
			// (the handler's name survives as a string).
			contains:    []string{GlobalName, `"handleFunc"`},
			notContains: []string{"fastify", "function handleFunc", "RouteShorthandOptions", "\n  "},
		},
		{
			name:    "default export as an array",
			files:   files("hello.ts", `export default [{}, async (req: unknown) => ({hello: "world"})]`),
			entries: []string{"hello.ts"},
			result:  `{"hello":"world"}`,
		},
		{
			name: "relative imports: .js meaning .ts, folder index, json, parent folder",
			files: files(
				"orders/create.ts", `
import {db} from "../_lib/db.js";
import {helper} from "./_util";
import * as models from "../_lib/models";
import config from "../_lib/config.json";
import {plain} from "../_lib/plain.mjs";
export default () => [{}, () => ({db, helper: helper(), models: models.names, region: config.region, plain})];
`,
				"orders/_util.ts", `export const helper = (): string => "helped";`,
				"_lib/db.ts", `export const db: string = "db";`,
				"_lib/models/index.ts", `export {names} from "./names";`,
				"_lib/models/names.ts", `export const names = ["order", "user"];`,
				"_lib/config.json", `{"region": "eu", "unused": [1, 2, 3]}`,
				"_lib/plain.mts", `export const plain = 42 as number;`,
			),
			entries: []string{"orders/create.ts"},
			result:  `{"db":"db","helper":"helped","models":["order","user"],"region":"eu","plain":42}`,
		},
		{
			name: "exact .js file wins over the .ts rewrite",
			files: files(
				"a.ts", `import {v} from "./lib/v.js"; export default [{}, () => v]`,
				"lib/v.js", `export const v = "js";`,
				"lib/v.ts", `export const v = "ts";`,
			),
			entries: []string{"a.ts"},
			result:  `"js"`,
		},
		{
			name: "allowed built-ins stay external and are required by bare name",
			files: files("enc.ts", `
import {Buffer} from "node:buffer";
import {format} from "util";
export default [{}, () => format("%s=%s", "b64", Buffer.from("hi").toString("base64"))];
`),
			entries:     []string{"enc.ts"},
			result:      `"b64=aGk="`,
			contains:    []string{`("buffer")`, `("util")`},
			notContains: []string{"node:buffer"},
		},
		{
			name:    "custom built-in list",
			opts:    Options{Builtins: []string{"node:events"}},
			files:   files("ev.ts", `import {EventEmitter} from "events"; export default [{}, () => typeof EventEmitter]`),
			entries: []string{"ev.ts"},
			// The harness's require does not serve events: the bundle must
			// ask for it, which fails at run time, so only check the text.
			contains: []string{`("events")`},
		},
		{
			name: "decorators, using, async generators, for-await and regexp d flag are lowered",
			files: files("modern.ts", `
function logged(value: any, ctx: ClassMethodDecoratorContext) {
  return function (this: any, ...args: any[]) { return "decorated:" + value.apply(this, args) }
}
class Greeter {
  @logged greet() { return "hi" }
}
async function* gen() { yield 1; yield 2 }
export default [{}, async () => {
  const log: string[] = []
  {
    using res = { [Symbol.dispose]() { log.push("disposed") } }
    log.push("using")
  }
  let sum = 0
  for await (const v of gen()) sum += v
  const m = /(?<y>\d{4})/d.exec("in 2024")
  return {greet: new Greeter().greet(), log, sum, idx: m ? (m as any).indices[0] : null}
}]
`),
			entries:     []string{"modern.ts"},
			result:      `{"greet":"decorated:hi","log":["using","disposed"],"sum":3,"idx":[3,7]}`,
			contains:    []string{"new RegExp("},
			notContains: []string{"for await", "async function*", "@logged", "using res"},
		},
		{
			name:        "no minify",
			opts:        Options{NoMinify: true},
			files:       files("orders/create.ts", seed),
			entries:     []string{"orders/create.ts"},
			result:      `{"pong":"12it worked!"}`,
			contains:    []string{"handleFunc", "\n  "},
			notContains: []string{"sourceMappingURL"},
		},
		{
			name:    "syntax error",
			files:   files("orders/create.ts", "export default function () {\n  return [{}, () => ({ok: true)]\n}\n"),
			entries: []string{"orders/create.ts"},
			errs:    []wantErr{{"orders/create.ts", 2, 31, `Expected "}" but found ")"`, "  return [{}, () => ({ok: true)]"}},
		},
		{
			name: "syntax error in an imported shared file is reported once for all importers",
			files: files(
				"a.ts", `import {x} from "./_lib/broken"; export default [{}, () => x]`,
				"b.ts", `import {x} from "./_lib/broken"; export default [{}, () => x + 1]`,
				"_lib/broken.ts", "export const x = 1;\nexport const y = ;\n",
			),
			entries: []string{"a.ts", "b.ts"},
			errs:    []wantErr{{"_lib/broken.ts", 2, 18, `Unexpected ";"`, "export const y = ;"}},
		},
		{
			name:    "missing import",
			files:   files("orders/create.ts", "import {x} from \"./nope\";\nexport default [{}, () => x]\n"),
			entries: []string{"orders/create.ts"},
			errs:    []wantErr{{"orders/create.ts", 1, 17, `Could not resolve "./nope": no file "orders/nope"`, `import {x} from "./nope";`}},
		},
		{
			name:    "import leaving the functions folder",
			files:   files("orders/create.ts", "// escape\nimport pw from \"../../etc/passwd\";\nexport default [{}, () => pw]\n"),
			entries: []string{"orders/create.ts"},
			errs:    []wantErr{{"orders/create.ts", 2, 16, "leaves the functions folder", ""}},
		},
		{
			name:    "absolute import",
			files:   files("a.ts", "import pw from \"/etc/passwd\";\nexport default [{}, () => pw]\n"),
			entries: []string{"a.ts"},
			errs:    []wantErr{{"a.ts", 1, 16, "absolute imports are not allowed", ""}},
		},
		{
			name:    "import of a file type that cannot be imported",
			files:   files("a.ts", "import t from \"./notes.md\";\nexport default [{}, () => t]\n", "notes.md", "# hi"),
			entries: []string{"a.ts"},
			errs:    []wantErr{{"a.ts", 1, 15, "only .ts .mts .js .mjs and .json files can be imported", ""}},
		},
		{
			name:    "npm package used as a value",
			files:   files("a.ts", "import _ from \"lodash\";\nexport default [{}, () => _.chunk([1, 2], 1)]\n"),
			entries: []string{"a.ts"},
			errs:    []wantErr{{"a.ts", 1, 15, `Could not resolve "lodash": npm packages can't be resolved on the server; bundle them locally with "tarsus push"`, ""}},
		},
		{
			name:    "fastify used as a value",
			files:   files("a.ts", "import fastify from \"fastify\";\nexport default [{}, () => fastify()]\n"),
			entries: []string{"a.ts"},
			errs:    []wantErr{{"a.ts", 1, 21, "npm packages can't be resolved on the server", ""}},
		},
		{
			name:    "forbidden built-ins",
			files:   files("a.ts", "import fs from \"fs\";\nimport {exec} from \"node:child_process\";\nexport default [{}, () => [fs.readFileSync, exec]]\n"),
			entries: []string{"a.ts"},
			errs: []wantErr{
				{"a.ts", 1, 16, `Node built-in "fs" is not available in Tarsus functions (available: buffer, url, util)`, ""},
				{"a.ts", 2, 20, `Node built-in "node:child_process" is not available in Tarsus functions`, ""},
			},
		},
		{
			name:    "no built-ins allowed",
			opts:    Options{Builtins: []string{}},
			files:   files("a.ts", "import {Buffer} from \"buffer\";\nexport default [{}, () => Buffer]\n"),
			entries: []string{"a.ts"},
			errs:    []wantErr{{"a.ts", 1, 22, `Node built-in "buffer" is not available in Tarsus functions (none are available)`, ""}},
		},
		{
			name:    "require of a forbidden built-in in JavaScript",
			files:   files("a.js", "const net = require(\"net\");\nexport default [{}, () => net]\n"),
			entries: []string{"a.js"},
			errs:    []wantErr{{"a.js", 1, 21, `Node built-in "net"`, ""}},
		},
		{
			name:    "top-level await",
			files:   files("a.ts", "const v = await Promise.resolve(1);\nexport default [{}, () => v]\n"),
			entries: []string{"a.ts"},
			errs:    []wantErr{{"a.ts", 1, 11, `Top-level await is currently not supported with the "iife" output format`, ""}},
		},
		{
			name:    "entry missing from files",
			files:   files("a.ts", "export default [{}, () => 1]"),
			entries: []string{"b.ts"},
			errs:    []wantErr{{"b.ts", 0, 0, `entry "b.ts" is not among the files`, ""}},
		},
		{
			name:    "entry that is not a route",
			files:   files("_lib/db.ts", "export default [{}, () => 1]"),
			entries: []string{"_lib/db.ts"},
			errs:    []wantErr{{"_lib/db.ts", 0, 0, "is shared, not a route", ""}},
		},
		{
			name: "errors of every entry are reported",
			files: files(
				"ok.ts", "export default [{}, () => 1]",
				"bad/syntax.ts", "export default [{}, () => 1\n",
				"bad/missing.ts", "import {x} from \"./gone\";\nexport default [{}, () => x]\n",
			),
			entries: []string{"ok.ts", "bad/syntax.ts", "bad/missing.ts"},
			errs: []wantErr{
				{"bad/missing.ts", 1, 17, `Could not resolve "./gone"`, ""},
				{"bad/syntax.ts", 2, 1, `Expected "]" but found end of file`, ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, err := New(tt.opts).Build(tt.files, tt.entries)
			if tt.errs != nil {
				if outs != nil {
					t.Errorf("outputs = %d, want none on error", len(outs))
				}
				checkErrors(t, err, tt.errs)
				return
			}
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			if len(outs) != len(tt.entries) {
				t.Fatalf("got %d outputs, want %d", len(outs), len(tt.entries))
			}
			out := outs[0]
			if out.Path != tt.entries[0] || out.Route != RouteOf(tt.entries[0]) {
				t.Errorf("Output Path, Route = %q, %q", out.Path, out.Route)
			}
			if out.Map != nil {
				t.Errorf("Map is set without Options.SourceMap")
			}
			if out.Duration <= 0 {
				t.Errorf("Duration = %v", out.Duration)
			}
			code := string(out.Code)
			if !strings.Contains(code, "globalThis."+GlobalName+"=") && !strings.Contains(code, "globalThis."+GlobalName+" = ") {
				t.Errorf("code does not assign %s:\n%s", GlobalName, code)
			}
			for _, s := range tt.contains {
				if !strings.Contains(code, s) {
					t.Errorf("code lacks %q:\n%s", s, code)
				}
			}
			for _, s := range tt.notContains {
				if strings.Contains(code, s) {
					t.Errorf("code contains %q:\n%s", s, code)
				}
			}
			if tt.result != "" {
				res := runNode(t, out.Code)
				if res.N != 2 {
					t.Errorf("default export has %d elements, want 2", res.N)
				}
				if string(res.Result) != tt.result {
					t.Errorf("handler returned %s, want %s", res.Result, tt.result)
				}
			}
		})
	}
}

func TestBuildSourceMap(t *testing.T) {
	fs := files(
		"orders/create.ts", seed,
		"orders/list.ts", `import {db} from "../_lib/db";
export default function () {
  return [{}, () => db.list()]
}
`,
		"_lib/db.ts", `// the database
export const db = {
  list(): string[] {
    return ["first-order"]
  },
}
`)
	b := New(Options{SourceMap: true, Logger: slog.New(slog.DiscardHandler)})
	outs, err := b.Build(fs, []string{"orders/create.ts", "orders/list.ts"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		out          Output
		sources      []string // sorted
		needle       string   // in the generated code
		source       string   // where needle must map to
		line, column int      // 1-based, in source
		result       string
	}{
		{outs[0], []string{"orders/create.ts"}, `pong:"12it worked!"`, "orders/create.ts", 7, 13, `{"pong":"12it worked!"}`},
		{outs[1], []string{"_lib/db.ts", "orders/list.ts"}, `["first-order"]`, "_lib/db.ts", 4, 12, `["first-order"]`},
	}
	for _, tt := range tests {
		t.Run(tt.out.Route, func(t *testing.T) {
			code := string(tt.out.Code)
			suffix := "\n//# sourceMappingURL=" + MapName(tt.out.Route)
			if !strings.HasSuffix(code, suffix) {
				t.Errorf("code does not end with %q:\n%s", suffix, code)
			}
			if n := strings.Count(code, "\n"); n != 1 {
				t.Errorf("minified code has %d newlines, want 1 (before the map comment)", n)
			}
			var sm struct {
				Version        int             `json:"version"`
				Sources        []string        `json:"sources"`
				SourcesContent json.RawMessage `json:"sourcesContent"`
				Mappings       string          `json:"mappings"`
			}
			if err := json.Unmarshal(tt.out.Map, &sm); err != nil {
				t.Fatalf("map: %v\n%s", err, tt.out.Map)
			}
			if sm.Version != 3 || sm.SourcesContent != nil {
				t.Errorf("map version %d, sourcesContent %s; want 3 and none", sm.Version, sm.SourcesContent)
			}
			// The generated entry is a source too (it maps nothing a user wrote).
			if !slices.Contains(sm.Sources, entryName) {
				t.Errorf("sources = %q, want the generated entry %s among them", sm.Sources, entryName)
			}
			if got := slices.DeleteFunc(slices.Sorted(slices.Values(sm.Sources)), func(s string) bool { return s == entryName }); !slices.Equal(got, tt.sources) {
				t.Errorf("sources = %q, want %q", sm.Sources, tt.sources)
			}
			line, col := position(t, code, tt.needle)
			m, ok := lookup(decodeMappings(t, sm.Mappings), line, col)
			if !ok {
				t.Fatalf("no mapping for %d:%d", line, col)
			}
			if got := sm.Sources[m.source]; got != tt.source || m.origLine+1 != tt.line || m.origCol+1 != tt.column {
				t.Errorf("%q maps to %s:%d:%d, want %s:%d:%d", tt.needle, got, m.origLine+1, m.origCol+1, tt.source, tt.line, tt.column)
			}
			if res := runNode(t, tt.out.Code); string(res.Result) != tt.result {
				t.Errorf("handler returned %s, want %s", res.Result, tt.result)
			}
		})
	}
}

func TestBuildDeterministic(t *testing.T) {
	fs := files(
		"a.ts", seed,
		"b.ts", `import {h} from "./_h"; export default [{}, () => h("b")]`,
		"_h.ts", `export function h(s: string) { return {s, n: s.length} }`,
	)
	tests := []struct {
		name    string
		entries []string
	}{
		{"alone", []string{"b.ts"}},
		{"with others", []string{"a.ts", "b.ts"}},
		{"reversed", []string{"b.ts", "a.ts"}},
	}
	b := New(Options{SourceMap: true})
	first, err := b.Build(fs, []string{"b.ts"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, err := b.Build(fs, tt.entries)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range outs {
				if o.Path != "b.ts" {
					continue
				}
				if !bytes.Equal(o.Code, first[0].Code) || !bytes.Equal(o.Map, first[0].Map) {
					t.Errorf("output differs:\n%s\n%s", o.Code, first[0].Code)
				}
			}
		})
	}
}

func TestErrorsFormat(t *testing.T) {
	tests := []struct {
		name string
		errs Errors
		want string
	}{
		{"positioned", Errors{{File: "a.ts", Line: 1, Column: 2, Text: "x"}, {File: "b/c.ts", Line: 3, Column: 4, Text: "y"}}, "a.ts:1:2: x\nb/c.ts:3:4: y"},
		{"without position", Errors{{File: "a.ts", Text: "missing"}}, "a.ts: missing"},
		{"without file", Errors{{Text: "odd"}}, "odd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.errs.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		got, err := json.Marshal(Error{File: "a.ts", Line: 1, Column: 2, Text: "x"})
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"file":"a.ts","line":1,"column":2,"text":"x"}`; string(got) != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

func TestBuildLogsWarnings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // substrings of the log; nil for no warning record
	}{
		{"duplicate key", "export default [{a: 1, a: 2}, () => 1]\n", []string{"level=WARN", "fn=orders/dup", "orders/dup.ts:1:24", "Duplicate key"}},
		{"clean", "export default [{a: 1}, () => 1]\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			b := New(Options{Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))})
			if _, err := b.Build(files("orders/dup.ts", tt.src), []string{"orders/dup.ts"}); err != nil {
				t.Fatal(err)
			}
			log := buf.String()
			if tt.want == nil && log != "" {
				t.Errorf("unexpected log: %s", log)
			}
			for _, w := range tt.want {
				if !strings.Contains(log, w) {
					t.Errorf("log lacks %q: %s", w, log)
				}
			}
		})
	}
}
