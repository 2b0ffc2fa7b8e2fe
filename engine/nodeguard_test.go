package engine

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// nodeBufferCases are evaluated by node and by a function; each result is
// a Buffer's bytes, a value, or an error's name, code and message.
const nodeBufferCases = `const util = require("util");
const cases = [
  () => Buffer.alloc(2, ""),
  () => Buffer.alloc(2, "zz", "hex"),
  () => Buffer.alloc(2, "", "base64"),
  () => Buffer.alloc(2, "=", "base64"),
  () => Buffer.alloc(2, "", "hex"),
  () => Buffer.alloc(0, "zz", "hex"),
  () => Buffer.alloc(3, "ab"),
  () => Buffer.alloc(5, "abc", "hex"),
  () => Buffer.alloc(4, "z", "hex"),
  () => Buffer.alloc(4).fill(""),
  () => Buffer.alloc(4).fill("zz", "hex"),
  () => Buffer.alloc(4).fill("ab"),
  () => Buffer.alloc(4).fill("=", "base64"),
  () => Buffer.alloc(4).fill("a", 1, 3),
  () => Buffer.alloc(4).fill(1),
  () => Buffer.alloc(4).fill("aa", "hex"),
  () => Buffer.alloc(4).fill("ab", 1),
  () => Buffer.alloc(4).fill("ab", 1, "hex"),
  () => Buffer.alloc(0).fill("zz", "hex"),
  () => Buffer.alloc(4).fill("ab", 5),
  () => Buffer.from({ [Symbol.toPrimitive]() { return this; } }),
  () => Buffer.from({ valueOf() { return { valueOf: this.valueOf }; } }),
  () => Buffer.from({ length: 3, 0: 1, 1: 257, 2: -1 }),
  () => Buffer.from({ type: "Buffer", data: [1, 2] }),
  () => Buffer.from({ [Symbol.toPrimitive]() { return "hi"; } }),
  () => Buffer.from(new String("hey")),
  () => Buffer.from([1, 2, 3]),
  () => Buffer.from({ length: -1 }),
  () => Buffer.from({}),
  () => Buffer.from("68690a", "hex"),
  () => Buffer.alloc(2).write("abcdef"),
  () => Buffer.alloc(4).write("6869", 1, 2, "hex"),
  () => Buffer.concat([Buffer.from("a"), new Uint8Array([98])]),
  () => Buffer.concat([Buffer.from("ab")], 1),
  () => Buffer.concat([Buffer.from("ab")], 4),
  () => Buffer.concat([]),
  () => Buffer.alloc(3, "abc").toString("hex"),
  () => Buffer.from("hello").toString("base64"),
  () => Buffer.alloc(4).equals(Buffer.alloc(4)),
  () => Buffer.alloc(4).equals({}),
  () => new Buffer([1, 2]),
  () => util.format("%s=%d %j", "a", 1, { b: 2 }, "x"),
  () => new URLSearchParams("a=1&b=2&a=3").toString(),
  () => new URLSearchParams([["x", "1"], ["y", "2"]]).toString(),
  () => { const u = new URL("http://a.example/p?x=1"); u.searchParams.append("y", "2 3"); return [u.toString(), u.search, JSON.stringify(u)]; },
];
const out = cases.map((f) => {
  try {
    const r = f();
    return r instanceof Uint8Array ? { buf: Array.from(r) } : { val: r };
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message };
  }
});
`

// TestBufferAnswersAsNode: Buffer.alloc and fill with values that decode
// to no bytes (goja_nodejs's fill loop never ended on them), Buffer.from of
// objects (valueOf and toPrimitive chains, array-likes), write, concat,
// equals, util.format and URLSearchParams answer as node 20 does, run on
// the same script.
func TestBufferAnswersAsNode(t *testing.T) {
	want, got := nodeAndEngine(t, nodeBufferCases)
	var exprs []string
	for _, l := range strings.Split(nodeBufferCases, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "() =>") {
			exprs = append(exprs, l)
		}
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s\n got  %v\n node %v", exprs[i], got[i], want[i])
		}
	}
}

// nodeAndEngine runs cases (statements that fill an array named out) in
// node and in a function, and returns what each gave, as JSON values.
func nodeAndEngine(t *testing.T, cases string) (want, got []any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required to compare answers: %v", err)
	}
	script := filepath.Join(t.TempDir(), "cases.js")
	if err := os.WriteFile(script, []byte(cases+"\nconsole.log(JSON.stringify(out));\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--no-deprecation", script)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	nodeOut, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	e, err := New(Config{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, "export default [{}, () => {\n"+cases+"\nreturn out;\n}]")
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(nodeOut, &want); err != nil {
		t.Fatalf("node output %q: %v", nodeOut, err)
	}
	if err := json.Unmarshal(resp.Body, &got); err != nil {
		t.Fatalf("function output %q: %v", resp.Body, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d results, node has %d", len(got), len(want))
	}
	return want, got
}
