package engine

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

// nodeAndEngineAsync runs body, the body of an async function returning
// an array, in node 20 and in a function, and returns both arrays as JSON
// values.
func nodeAndEngineAsync(t *testing.T, body string) (want, got []any) {
	t.Helper()
	w, g := runBoth(t, body)
	want, _ = w.([]any)
	got, _ = g.([]any)
	if len(got) != len(want) {
		t.Fatalf("%d results, node has %d:\n got  %v\n node %v", len(got), len(want), g, w)
	}
	return want, got
}

// runBoth runs body, the body of an async function, in node 20 and in a
// function, and returns what each returned, as JSON values.
func runBoth(t *testing.T, body string) (want, got any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required to compare answers: %v", err)
	}
	script := filepath.Join(t.TempDir(), "cases.js")
	src := "(async () => {\n" + body + "\n})().then((v) => console.log(JSON.stringify(v)), (e) => { console.error(e); process.exit(1); });\n"
	if err := os.WriteFile(script, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--no-deprecation", "--no-warnings", script)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	nodeOut, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	e, err := New(Config{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, "export default [{}, async () => {\n"+body+"\n}]")
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
	return want, got
}

// TestNodeVectors runs Node's own test vectors for hashes, HMAC and AES-GCM
// (testdata/crypto/node-vectors.json) through node:crypto, in a function
// and, to prove the runner, in node.
func TestNodeVectors(t *testing.T) {
	vectors, err := os.ReadFile("testdata/crypto/node-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	runner, err := os.ReadFile("testdata/crypto/node_vectors.js")
	if err != nil {
		t.Fatal(err)
	}
	want, got := runBoth(t, "const V = "+string(vectors)+";\n"+string(runner))
	for who, r := range map[string]any{"node": want, "tarsus": got} {
		m, _ := r.(map[string]any)
		checks, _ := m["checks"].(float64)
		fails, _ := m["fails"].([]any)
		if checks < 130 {
			t.Errorf("%s: only %v checks ran", who, checks)
		}
		for _, f := range fails {
			t.Errorf("%s: %v", who, f)
		}
		t.Logf("%s: %v checks, %d failed", who, checks, len(fails))
	}
}
