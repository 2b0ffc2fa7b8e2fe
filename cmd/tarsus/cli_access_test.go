package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tarsus/tarsus/client"
)

// putFunction deploys one file over the API with the admin token.
func putFunction(t *testing.T, srv, path, src string) {
	t.Helper()
	req, _ := http.NewRequest("PUT", srv+"/api/v1/functions/"+path, strings.NewReader(src))
	req.Header.Set("Authorization", "Bearer "+testAdminToken)
	req.Header.Set("Content-Type", "text/plain")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("deploy %s: %d %s", path, res.StatusCode, b)
	}
}

// TestKeysAndSchedulesCLI: tarsus keys create prints the key once, ls lists
// it without the secret, invoke --key calls a keyed route, rm revokes it;
// tarsus schedules lists a scheduled route with its next run.
func TestKeysAndSchedulesCLI(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	putFunction(t, srv, "orders/create.ts", `export default [{ config: { auth: "key" } }, async () => ({ ok: 1 })]`)
	putFunction(t, srv, "nightly.ts", `export default [{ config: { schedule: "0 3 * * *" } }, async () => ({ ok: 1 })]`)

	r := c.run("keys", "create", "shop", "--routes", "orders/*", "--expires", "720h")
	if r.err != nil {
		t.Fatal(r)
	}
	key := strings.TrimSpace(r.stdout)
	if !strings.HasPrefix(key, "tik_") || !strings.Contains(r.stderr, "shown once") {
		t.Fatalf("keys create: %s", r)
	}
	out := c.ok("keys", "ls")
	mustContain(t, "keys ls", out, "ID", "NAME", "ROUTES", "shop", "orders/*")
	if strings.Contains(out, key) {
		t.Fatalf("keys ls shows the secret: %s", out)
	}
	var ks []client.Key
	c.okJSON(&ks, "keys", "ls")
	if len(ks) != 1 || ks[0].ExpiresAt == "" {
		t.Fatalf("keys ls -o json: %+v", ks)
	}

	if r := c.run("invoke", "orders/create"); r.err == nil || !strings.Contains(r.stderr, "401") {
		t.Fatalf("invoke without a key: %s", r)
	}
	if r := c.run("invoke", "orders/create", "--key", key); r.err != nil || !strings.Contains(r.stdout, `{"ok":1}`) {
		t.Fatalf("invoke --key: %s", r)
	}
	if out := c.ok("keys", "rm", ks[0].ID); !strings.Contains(out, "Revoked invocation key "+ks[0].ID) {
		t.Fatalf("keys rm: %q", out)
	}
	if r := c.run("invoke", "orders/create", "--key", key); r.err == nil || !strings.Contains(r.stderr, "401") {
		t.Fatalf("invoke with a revoked key: %s", r)
	}

	out = c.ok("schedules")
	mustContain(t, "schedules", out, "ROUTE", "NEXT RUN", "nightly", "0 3 * * *", "T03:00:00Z")
}
