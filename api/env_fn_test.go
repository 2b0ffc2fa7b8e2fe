package api_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tarsus/tarsus/internal/testserver"
)

// envFn answers what process.env holds, the secret reversed (so that the
// secret itself is in no answer, source or log the test reads).
const envFn = `export default () => [{}, async () => ({
  reversed: [...(process.env.API_TOKEN ?? "")].reverse().join(""),
  greeting: process.env.GREETING ?? null,
  names: Object.keys(process.env).filter((k) => k === "API_TOKEN" || k === "GREETING").sort(),
})];
`

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// TestSecretInProcessEnv: a secret set through the API is readable by the
// user's functions as process.env.NAME, by nobody else's, and never
// through the API or the logs; a change applies to the next call, without
// a deploy, and survives a restart.
func TestSecretInProcessEnv(t *testing.T) {
	var logs logBuffer
	dir := t.TempDir()
	s := startData(t, dir, &logs, testserver.Options{})
	alice, bob := s.createUser("alice"), s.createUser("bob")
	const secret = "ghp_Zx9secretValueThatMustNeverLeak42"
	var answers []string
	do := func(method, path, tok string, body []byte) resp {
		r := s.do(method, path, tok, "application/json", body)
		answers = append(answers, string(r.Body))
		return r
	}
	do("PUT", "/api/v1/env/API_TOKEN", alice, jsonBody(map[string]any{"value": secret, "secret": true}))
	do("PUT", "/api/v1/env/GREETING", alice, jsonBody(map[string]any{"value": "hello"}))
	s.mustPut(alice, "env.ts", envFn)
	s.mustPut(bob, "env.ts", envFn)

	got := s.call("alice", "env", "{}").JSON(t)
	if got["reversed"] != reverse(secret) || got["greeting"] != "hello" || len(got["names"].([]any)) != 2 {
		t.Fatalf("alice's function sees %v", got)
	}
	if got := s.call("bob", "env", "{}").JSON(t); got["reversed"] != "" || got["greeting"] != nil {
		t.Fatalf("bob's function sees alice's env: %v", got)
	}
	// A change is live on the next call, without a deploy.
	do("PUT", "/api/v1/env/GREETING", alice, jsonBody(map[string]any{"value": "bonjour"}))
	if got := s.call("alice", "env", "{}").JSON(t); got["greeting"] != "bonjour" {
		t.Fatalf("after a change: %v", got)
	}
	do("DELETE", "/api/v1/env/GREETING", alice, nil)
	if got := s.call("alice", "env", "{}").JSON(t); got["greeting"] != nil {
		t.Fatalf("after a delete: %v", got)
	}
	// Everything the API shows about alice: none has the secret.
	for _, p := range []string{"/api/v1/env", "/api/v1/functions", "/api/v1/functions/env.ts", "/api/v1/logs", "/api/v1/stats", "/api/v1/deployments"} {
		do("GET", p, alice, nil)
		do("GET", p+"?user=alice", adminToken, nil)
	}
	s.stop()

	// After a restart (the same data folder and key file), functions still
	// read it.
	s = startData(t, dir, &logs, testserver.Options{})
	if got := s.call("alice", "env", "{}").JSON(t); got["reversed"] != reverse(secret) {
		t.Fatalf("after a restart: %v", got)
	}
	if r := s.do("DELETE", "/api/v1/users/bob", adminToken, "", nil); r.Status != 204 {
		t.Fatalf("delete bob: %d", r.Status)
	}
	if !strings.Contains(logs.String(), "user deleted") {
		t.Fatal("the server's log is not captured: the test would not see a leak")
	}
	for _, a := range append(answers, logs.String()) {
		if strings.Contains(a, secret) || strings.Contains(a, secret[4:20]) {
			t.Fatalf("the secret leaked: %.300s", a)
		}
	}
	s.stop()
}
