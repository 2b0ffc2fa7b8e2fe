package main

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/client"
)

func savedToken(t *testing.T, c *cli) credentials {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(c.vars["XDG_CONFIG_HOME"], "tarsus", "credentials.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cr credentials
	if err := json.Unmarshal(b, &cr); err != nil {
		t.Fatal(err)
	}
	return cr
}

// tokenWorks reports whether the server accepts tok.
func tokenWorks(t *testing.T, srv, tok string) bool {
	t.Helper()
	req, _ := http.NewRequest("GET", srv+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode == 200
}

func TestTokensPasswdLogout(t *testing.T) {
	srv := startServer(t)
	admin := loggedIn(t, srv)
	admin.input("password-bob\n", "users", "create", "bob")

	c := newCLI(t)
	r := c.input("bob\npassword-bob\n", "login", "--server", srv, "--expires-in", "720h")
	if r.err != nil {
		t.Fatal(r)
	}
	first := savedToken(t, c)
	if first.Given {
		t.Fatal("a password login is marked as given")
	}

	t.Run("tokens", func(t *testing.T) {
		out := c.ok("tokens")
		mustContain(t, "tokens", out, "ID", "NAME", "KIND", "EXPIRES", " *", "tarsus CLI", "login", "created with the user", "never")
		var ts []client.Token
		c.okJSON(&ts, "tokens")
		if len(ts) != 2 {
			t.Fatalf("tokens -o json: %+v", ts)
		}
		var created client.Token
		for _, tk := range ts {
			if tk.Current && tk.ExpiresAt == "" {
				t.Errorf("the CLI's token has no expiry despite --expires-in: %+v", tk)
			}
			if tk.Kind == "created" {
				created = tk
			}
		}
		if out := c.ok("tokens", "revoke", created.ID); out != "Revoked token "+created.ID+".\n" {
			t.Errorf("tokens revoke: %q", out)
		}
		r := c.run("tokens", "revoke", created.ID)
		if r.err == nil || !strings.Contains(r.err.Error(), "404") {
			t.Fatalf("revoking it again: %s", r)
		}
		// An admin lists bob's with --as.
		var bobs []client.Token
		admin.okJSON(&bobs, "tokens", "--as", "bob")
		if len(bobs) != 1 || bobs[0].Current {
			t.Fatalf("admin's tokens --as bob: %+v", bobs)
		}
		r = c.run("tokens", "--as", "admin")
		if r.err == nil || !strings.Contains(r.err.Error(), "admin") {
			t.Fatalf("bob listing admin's tokens: %s", r)
		}
	})

	t.Run("passwd", func(t *testing.T) {
		other := newCLI(t)
		if r := other.input("bob\npassword-bob\n", "login", "--server", srv); r.err != nil {
			t.Fatal(r)
		}
		r := c.input("wrong-password\nnew-password-1\n", "passwd")
		if r.err == nil || !strings.Contains(r.err.Error(), "current password is wrong") {
			t.Fatalf("passwd with a wrong current password: %s", r)
		}
		r = c.input("password-bob\n"+strings.Repeat("x", 73)+"\n", "passwd")
		if r.err == nil || !strings.Contains(r.err.Error(), "72") {
			t.Fatalf("passwd with a 73-byte password: %s", r)
		}
		r = c.input("password-bob\nnew-password-1\n", "passwd")
		if r.err != nil {
			t.Fatal(r)
		}
		mustContain(t, "passwd", r.stdout, "Password changed", "saved its new one")
		now := savedToken(t, c)
		if now.Token == first.Token || !tokenWorks(t, srv, now.Token) {
			t.Fatal("the CLI did not save a working new token")
		}
		if tokenWorks(t, srv, first.Token) || tokenWorks(t, srv, savedToken(t, other).Token) {
			t.Fatal("a token from before the password change still works")
		}
		if out := c.ok("whoami"); !strings.HasPrefix(out, "bob (user)") {
			t.Fatalf("whoami after passwd: %q", out)
		}
		// The admin resets it: bob's tokens go.
		r = admin.input("reset-password-1\n", "passwd", "--user", "bob")
		if r.err != nil || !strings.Contains(r.stdout, "Set bob's password") {
			t.Fatal(r)
		}
		if tokenWorks(t, srv, now.Token) {
			t.Fatal("bob's token survived the admin's reset")
		}
		r = c.input("new-password-1\n", "passwd", "--user", "admin")
		if r.err == nil {
			t.Fatalf("a non-admin reset another's password: %s", r)
		}
	})

	t.Run("logout revokes the token on the server", func(t *testing.T) {
		c := newCLI(t)
		if r := c.input("bob\nreset-password-1\n", "login", "--server", srv); r.err != nil {
			t.Fatal(r)
		}
		tok := savedToken(t, c).Token
		if out := c.ok("logout"); out != "Logged out of "+srv+"; the token is revoked.\n" {
			t.Fatalf("logout: %q", out)
		}
		if tokenWorks(t, srv, tok) {
			t.Fatal("the token works after logout")
		}
	})

	t.Run("logout of a token given with --token only forgets it", func(t *testing.T) {
		c := loggedIn(t, srv)
		if out := c.ok("logout"); out != "Logged out of "+srv+".\n" {
			t.Fatalf("logout: %q", out)
		}
		if !tokenWorks(t, srv, testAdminToken) {
			t.Fatal("logout revoked a token given with --token")
		}
	})

	t.Run("logout with the server gone still forgets", func(t *testing.T) {
		c := newCLI(t)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		dead := "http://" + ln.Addr().String()
		ln.Close()
		if _, err := saveCredentials(&env{getenv: func(k string) string { return c.vars[k] }}, credentials{Server: dead, Token: "tsk_x", User: "bob"}); err != nil {
			t.Fatal(err)
		}
		r := c.run("logout")
		if r.err != nil || r.stdout != "Logged out of "+dead+".\n" || !strings.Contains(r.stderr, "could not be revoked") {
			t.Fatalf("logout with the server gone: %s", r)
		}
	})

	t.Run("bad --expires-in", func(t *testing.T) {
		r := newCLI(t).input("bob\nreset-password-1\n", "login", "--server", srv, "--expires-in", "-5m")
		if r.err == nil || !strings.Contains(r.err.Error(), "--expires-in") {
			t.Fatalf("%s", r)
		}
	})
}

func get(t *testing.T, u, tok string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestServeMetricsAccess: /metrics needs an admin token or --metrics-token;
// with --metrics-addr it is served there only, without a token.
func TestServeMetricsAccess(t *testing.T) {
	addr, _, _ := serveOnce(t, serveConfig{Addr: "127.0.0.1:0", Data: t.TempDir(), AdminToken: testAdminToken, MetricsToken: "scrape", LogLevel: "error", Timeout: 10 * time.Second})
	for tok, want := range map[string]int{"": 401, "scrape": 200, testAdminToken: 200, "nope": 401} {
		if got := get(t, "http://"+addr+"/metrics", tok); got != want {
			t.Errorf("/metrics with %q: %d, want %d", tok, got, want)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	maddr := ln.Addr().String()
	ln.Close()
	addr, _, _ = serveOnce(t, serveConfig{Addr: "127.0.0.1:0", Data: t.TempDir(), AdminToken: testAdminToken, MetricsAddr: maddr, LogLevel: "error", Timeout: 10 * time.Second})
	if got := get(t, "http://"+maddr+"/metrics", ""); got != 200 {
		t.Errorf("/metrics on --metrics-addr: %d", got)
	}
	if got := get(t, "http://"+addr+"/metrics", testAdminToken); got != 404 {
		t.Errorf("/metrics on the main address with --metrics-addr: %d, want 404", got)
	}
}

// TestServeClientIPHeader: behind a proxy (--client-ip-header), logins are
// throttled by the address the proxy reports, not the proxy's own.
func TestServeClientIPHeader(t *testing.T) {
	addr, _, _ := serveOnce(t, serveConfig{Addr: "127.0.0.1:0", Data: t.TempDir(), AdminToken: testAdminToken, ClientIPHeader: "X-Forwarded-For", LogLevel: "error", Timeout: 10 * time.Second})
	login := func(name, xff string) int {
		req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/login", strings.NewReader(`{"name":"`+name+`","password":"wrong-password"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", xff)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for i := range 20 {
		if st := login("n"+strconv.Itoa(i), "203.0.113.7"); st != 401 {
			t.Fatalf("attempt %d: %d", i, st)
		}
	}
	if st := login("other", "203.0.113.7"); st != 429 {
		t.Fatalf("the 21st failure from one client: %d, want 429", st)
	}
	if st := login("other", "203.0.113.8"); st != 401 {
		t.Fatalf("another client behind the same proxy: %d, want 401 (not locked)", st)
	}
}
