package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tarsus/tarsus/client"
)

// TestCLIEnv: tarsus env set/ls/rm against a real server; a secret's
// value comes from stdin (all of it, a PEM-like multi-line value too)
// and is never printed back.
func TestCLIEnv(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	c.ok("env", "set", "MODE", "production")
	const pem = "-----BEGIN KEY-----\nc2VjcmV0LWtleS1ib2R5\n-----END KEY-----"
	if r := c.input(pem+"\n", "env", "set", "JWT_KEY", "--secret"); r.err != nil || !strings.Contains(r.stdout, "Set secret JWT_KEY") {
		t.Fatalf("secret from stdin:\n%s", r)
	}
	if r := c.input("piped", "env", "set", "PIPED", "-"); r.err != nil {
		t.Fatalf("value '-':\n%s", r)
	}
	out := c.ok("env", "ls")
	mustContain(t, "env ls", out, "MODE", "production", "JWT_KEY", "(secret)", "PIPED", "piped")
	if strings.Contains(out, "c2VjcmV0") {
		t.Fatalf("env ls shows the secret:\n%s", out)
	}
	var vars []client.EnvVar
	c.okJSON(&vars, "env", "ls")
	if len(vars) != 3 || vars[0].Name != "JWT_KEY" || vars[0].Value != nil || !vars[0].Secret {
		t.Fatalf("env ls -o json: %+v", vars)
	}
	c.ok("env", "rm", "PIPED")
	if r := c.run("env", "rm", "PIPED"); r.err == nil || !strings.Contains(r.err.Error(), "not found") {
		t.Fatalf("rm twice:\n%s", r)
	}
	if r := c.run("env", "set", "bad-name", "x"); r.err == nil || !strings.Contains(r.err.Error(), "TARSUS_ENV_BAD_NAME") {
		t.Fatalf("bad name:\n%s", r)
	}
}

// TestCLIKV: tarsus kv put/get/ls/rm against a real server: values from
// an argument or stdin (bytes, as given), a prefix listing across pages,
// a TTL.
func TestCLIKV(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	c.ok("kv", "put", "greeting", "hello")
	if got := c.ok("kv", "get", "greeting"); got != "hello" {
		t.Fatalf("get: %q", got)
	}
	if r := c.input("line 1\nline 2\n", "kv", "put", "text"); r.err != nil {
		t.Fatalf("put from stdin:\n%s", r)
	}
	if got := c.ok("kv", "get", "text"); got != "line 1\nline 2\n" {
		t.Fatalf("stdin value: %q", got)
	}
	for _, k := range []string{"user:1", "user:2", "user:3", "other"} {
		c.ok("kv", "put", k, "v", "--ttl", "1h")
	}
	var keys []client.KVKey
	c.okJSON(&keys, "kv", "ls", "--prefix", "user:")
	if len(keys) != 3 || keys[0].Name != "user:1" || keys[0].ExpiresAt == "" {
		t.Fatalf("ls --prefix: %+v", keys)
	}
	out := c.ok("kv", "ls", "--limit", "2")
	if strings.Count(out, "\n") != 3 {
		t.Fatalf("ls --limit 2:\n%s", out)
	}
	c.ok("kv", "rm", "greeting")
	if r := c.run("kv", "get", "greeting"); r.err == nil || !strings.Contains(r.err.Error(), `no key "greeting"`) {
		t.Fatalf("get after rm:\n%s", r)
	}
}

// TestPushKVFunction: a project made by tarsus init ships the tarsus:*
// types, and tarsus push bundles a function importing tarsus:kv (left to
// the server's runtime), which then counts across calls; the CLI reads
// the count back.
func TestPushKVFunction(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	dir := t.TempDir()
	c.ok("init", dir)
	types, err := os.ReadFile(filepath.Join(dir, "types", "tarsus.d.ts"))
	if err != nil || !strings.Contains(string(types), `declare module "tarsus:kv"`) {
		t.Fatalf("types/tarsus.d.ts: %v", err)
	}
	src := `import { kv } from "tarsus:kv";
export default () => [{}, async () => ({ n: await kv.update("hits", (n: number | null) => (n ?? 0) + 1) })];
`
	if err := os.WriteFile(filepath.Join(dir, "functions", "count.ts"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := c.run("push", dir); r.err != nil {
		t.Fatal(r)
	}
	for want := 1; want <= 2; want++ {
		if _, body := invokeJSON(t, c, "count", ""); body["n"] != float64(want) {
			t.Fatalf("call %d: %v", want, body)
		}
	}
	if got := c.ok("kv", "get", "hits"); got != "2" {
		t.Fatalf("kv get hits: %q", got)
	}
}
