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

// runNode runs a script under node with args and returns its standard
// output.
func runNode(t *testing.T, args ...string) []byte {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

// runFunction runs body, the body of an async function, in a function and
// returns its JSON answer.
func runFunction(t *testing.T, body string) []byte {
	t.Helper()
	e, err := New(Config{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, "export default [{}, async () => {\n"+body+"\n}]")
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 {
		t.Fatalf("function answered %d: %s", resp.Status, resp.Body)
	}
	return resp.Body
}

// TestCrossCheckWithNode: node generates RSA, EC (P-256, P-384, P-521),
// Ed25519 and secret keys, signs, encrypts and issues JWTs (HS256, RS256,
// PS256, ES256/384/512, EdDSA) with them; a function verifies and
// decrypts all of it with node:crypto and crypto.subtle (as jsonwebtoken
// and jose do) and makes its own with the same keys; node verifies and
// decrypts what the function made.
func TestCrossCheckWithNode(t *testing.T) {
	dir := t.TempDir()
	made := runNode(t, "testdata/crypto/cross_node.js", "make")
	fnSrc, err := os.ReadFile("testdata/crypto/cross_fn.js")
	if err != nil {
		t.Fatal(err)
	}
	body := runFunction(t, "const M = "+string(made)+";\n"+string(fnSrc))
	var fromFn struct {
		Checks map[string]any `json:"checks"`
	}
	if err := json.Unmarshal(body, &fromFn); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	if len(fromFn.Checks) < 40 {
		t.Errorf("only %d checks ran in the function", len(fromFn.Checks))
	}
	for name, ok := range fromFn.Checks {
		if ok != true {
			t.Errorf("function: %s: %v", name, ok)
		}
	}
	madeFile, fnFile := filepath.Join(dir, "made.json"), filepath.Join(dir, "fn.json")
	if err := os.WriteFile(madeFile, made, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fnFile, body, 0o600); err != nil {
		t.Fatal(err)
	}
	var checked map[string]any
	if err := json.Unmarshal(runNode(t, "testdata/crypto/cross_node.js", "check", madeFile, fnFile), &checked); err != nil {
		t.Fatal(err)
	}
	n := 0
	for kind, v := range checked {
		list, isList := v.([]any)
		if !isList {
			list = []any{v}
		}
		for i, ok := range list {
			n++
			if ok != true {
				t.Errorf("node: %s %d: %v", kind, i, ok)
			}
		}
	}
	if n < 25 {
		t.Errorf("only %d checks ran in node", n)
	}
	t.Logf("%d checks in the function, %d in node", len(fromFn.Checks), n)
}

// TestWPTWebCrypto runs WPT's WebCryptoAPI digest and HMAC vectors
// (testdata/crypto/wpt-vectors.json) through the checks those tests make
// (testdata/crypto/wpt_runner.js), in node and in a function. Every test
// node passes must pass, except the known deviations listed here; the
// pass rates are logged.
func TestWPTWebCrypto(t *testing.T) {
	vectors, err := os.ReadFile("testdata/crypto/wpt-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	runner, err := os.ReadFile("testdata/crypto/wpt_runner.js")
	if err != nil {
		t.Fatal(err)
	}
	want, got := nodeAndEngineAsync(t, "const W = "+string(vectors)+";\n"+string(runner))
	// goja has no ArrayBuffer.prototype.transfer.
	known := func(name string) bool { return strings.Contains(name, "transferred buffer") }
	pass := map[string]int{}
	for i := range want {
		w, g := want[i].([]any), got[i].([]any)
		if w[1] == "PASS" {
			pass["node"]++
		}
		if g[1] == "PASS" {
			pass["tarsus"]++
		} else if w[1] == "PASS" && !known(g[0].(string)) {
			t.Errorf("%s: %s (node passes)", g[0], g[1])
		}
	}
	if len(want) < 150 {
		t.Errorf("only %d tests ran", len(want))
	}
	t.Logf("WPT WebCryptoAPI digest + HMAC: %d tests; node 20 passes %d, Tarsus %d", len(want), pass["node"], pass["tarsus"])
}

// TestCryptoAnswersAsNode runs testdata/crypto/compat_cases.js (hashes,
// HMAC, random, key derivation, ciphers, keys and signatures, with their
// errors) in node 20 and in a function, and compares every answer.
// deviations are the cases known to answer otherwise, by their index,
// with the reason.
func TestCryptoAnswersAsNode(t *testing.T) {
	src, err := os.ReadFile("testdata/crypto/compat_cases.js")
	if err != nil {
		t.Fatal(err)
	}
	deviations := map[int]string{
		59: "Triple DES is not supported (Go's crypto/des exists, but only AES is offered)",
		86: "DSA keys are not supported",
	}
	want, got := nodeAndEngine(t, string(src))
	var exprs []string
	for _, l := range strings.Split(string(src), "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "() =>") {
			exprs = append(exprs, l)
		}
	}
	same := 0
	for i := range want {
		if reflect.DeepEqual(got[i], want[i]) {
			same++
			continue
		}
		if why, ok := deviations[i]; ok {
			t.Logf("known deviation %d (%s): %s\n got  %v\n node %v", i, why, exprs[i], got[i], want[i])
			continue
		}
		t.Errorf("%d: %s\n got  %v\n node %v", i, exprs[i], got[i], want[i])
	}
	t.Logf("%d of %d cases answer as node 20 does", same, len(want))
}
