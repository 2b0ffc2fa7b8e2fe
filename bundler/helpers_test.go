package bundler

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seed is the example function from the project brief; it must build as is.
const seed = `import {FastifyReply, FastifyRequest, RouteShorthandOptions} from "fastify";
import {RouteHandlerMethod} from "fastify/types/route";
const opts: RouteShorthandOptions = {
    schema: { response: { 200: { type: 'object', properties: { pong: { type: 'string' } } } }, querystring: {} }
}
const  handleFunc:RouteHandlerMethod = (request:FastifyRequest, reply:FastifyReply)=> {
    return {pong: '12it worked!'}
}
export default function () {
    return [opts, handleFunc]
}
`

// nodeHarness runs a bundle the way the engine does: as a classic script
// with a global require that serves only buffer, url and util. It prints
// {"n": length of the route tuple, "opts": ..., "result": awaited handler
// result} as JSON.
const nodeHarness = `
const fs = require("fs"), vm = require("vm");
const provided = {buffer: require("buffer"), url: require("url"), util: require("util")};
const code = fs.readFileSync(process.argv[2], "utf8");
globalThis.require = (name) => {
  if (Object.hasOwn(provided, name)) return provided[name];
  throw new Error("require of " + name + " is not provided");
};
vm.runInThisContext(code, {filename: "bundle.js"});
let tuple = globalThis.__tarsus_mod.default;
if (typeof tuple === "function") tuple = tuple();
Promise.resolve(tuple[1]({query: {}, params: {}, body: null}, {})).then(
  (result) => console.log(JSON.stringify({n: tuple.length, opts: tuple[0], result})),
  (err) => { console.error(String(err && err.stack || err)); process.exit(3); });
`

type nodeResult struct {
	N      int             `json:"n"`
	Opts   json.RawMessage `json:"opts"`
	Result json.RawMessage `json:"result"`
}

// runNode runs code in node through nodeHarness. Node is part of the
// development and CI environment; its absence fails the test.
func runNode(t *testing.T, code []byte) nodeResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required to run bundles in tests: %v", err)
	}
	dir := t.TempDir()
	harness := filepath.Join(dir, "harness.js")
	bundle := filepath.Join(dir, "bundle.js")
	if err := os.WriteFile(harness, []byte(nodeHarness), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bundle, code, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, harness, bundle)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s\ncode:\n%s", err, stderr.String(), code)
	}
	var res nodeResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node output %q: %v", out, err)
	}
	return res
}

// mapping is one decoded source map segment.
type mapping struct {
	genLine, genCol   int // 0-based
	source            int
	origLine, origCol int // 0-based
}

// decodeMappings decodes the "mappings" field of a version 3 source map.
func decodeMappings(t *testing.T, s string) []mapping {
	t.Helper()
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var out []mapping
	var src, oLine, oCol int
	for line, group := range strings.Split(s, ";") {
		gCol := 0
		for seg := range strings.SplitSeq(group, ",") {
			if seg == "" {
				continue
			}
			var fields []int
			val, shift := 0, 0
			for _, c := range []byte(seg) {
				d := strings.IndexByte(alphabet, c)
				if d < 0 {
					t.Fatalf("bad base64 digit %q in mappings", c)
				}
				val += (d & 31) << shift
				if d&32 != 0 {
					shift += 5
					continue
				}
				if val&1 != 0 {
					fields = append(fields, -(val >> 1))
				} else {
					fields = append(fields, val>>1)
				}
				val, shift = 0, 0
			}
			gCol += fields[0]
			if len(fields) < 4 {
				continue
			}
			src += fields[1]
			oLine += fields[2]
			oCol += fields[3]
			out = append(out, mapping{genLine: line, genCol: gCol, source: src, origLine: oLine, origCol: oCol})
		}
	}
	return out
}

// lookup returns the segment covering generated position (line, col),
// both 0-based.
func lookup(ms []mapping, line, col int) (mapping, bool) {
	var best mapping
	found := false
	for _, m := range ms {
		if m.genLine == line && m.genCol <= col && (!found || m.genCol >= best.genCol) {
			best, found = m, true
		}
	}
	return best, found
}

// position returns the 0-based line and column of the first occurrence of
// needle in text.
func position(t *testing.T, text, needle string) (line, col int) {
	t.Helper()
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("%q not found in:\n%s", needle, text)
	}
	line = strings.Count(text[:i], "\n")
	return line, i - (strings.LastIndex(text[:i], "\n") + 1)
}
