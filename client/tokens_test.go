package client_test

import (
	"testing"
	"time"

	"github.com/tarsus/tarsus/client"
)

// TestTokensLogoutPasswords drives the token and password calls against a
// real server.
func TestTokensLogoutPasswords(t *testing.T) {
	url := startServer(t)
	admin := newClient(t, client.Config{URL: url, Token: adminToken})
	if _, err := admin.CreateUser(ctx(t), "alice", "password-alice", ""); err != nil {
		t.Fatal(err)
	}
	anon := newClient(t, client.Config{URL: url})
	l, err := anon.LoginWith(ctx(t), "alice", "password-alice", client.LoginOptions{Label: "ci", ExpiresIn: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if l.ID == "" || l.ExpiresAt == "" || l.User.Name != "alice" {
		t.Fatalf("LoginWith = %+v", l)
	}
	alice := newClient(t, client.Config{URL: url, Token: l.Token})
	toks, err := alice.Tokens(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	var cur client.Token
	for _, tk := range toks {
		if tk.Current {
			cur = tk
		}
	}
	if len(toks) != 2 || cur.ID != l.ID || cur.Name != "ci" || cur.Kind != "login" || cur.ExpiresAt == "" {
		t.Fatalf("Tokens = %+v", toks)
	}
	// An admin sees them with As, and revokes the first one.
	asAlice := newClient(t, client.Config{URL: url, Token: adminToken, As: "alice"})
	other, err := asAlice.Tokens(ctx(t))
	if err != nil || len(other) != 2 {
		t.Fatalf("admin's Tokens(As alice) = %+v, %v", other, err)
	}
	for _, tk := range other {
		if tk.ID != l.ID {
			if err := asAlice.RevokeToken(ctx(t), tk.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := alice.RevokeToken(ctx(t), "0123456789abcdef"); apiError(t, err).StatusCode != 404 {
		t.Fatalf("revoking a missing id: %v", err)
	}

	// A password change revokes the client's token and replaces it.
	nt, err := alice.ChangePassword(ctx(t), "password-alice", "new-password-1")
	if err != nil || nt.Token == "" || nt.Token == l.Token {
		t.Fatalf("ChangePassword = %+v, %v", nt, err)
	}
	if _, err := newClient(t, client.Config{URL: url, Token: l.Token}).Me(ctx(t)); apiError(t, err).StatusCode != 401 {
		t.Fatalf("the old token after the change: %v", err)
	}
	if me, err := alice.Me(ctx(t)); err != nil || me.Name != "alice" {
		t.Fatalf("the client after the change: %+v, %v", me, err)
	}
	if _, err := alice.ChangePassword(ctx(t), "wrong-password", "new-password-2"); apiError(t, err).StatusCode != 403 {
		t.Fatalf("a wrong current password: %v", err)
	}

	// An admin's reset; a non-admin may not.
	if err := alice.SetPassword(ctx(t), "alice", "reset-password"); apiError(t, err).StatusCode != 403 {
		t.Fatalf("alice resetting: %v", err)
	}
	if err := admin.SetPassword(ctx(t), "alice", "reset-password"); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Me(ctx(t)); apiError(t, err).StatusCode != 401 {
		t.Fatalf("alice's token after the reset: %v", err)
	}

	// Logout revokes the client's own token.
	l2, err := anon.Login(ctx(t), "alice", "reset-password")
	if err != nil {
		t.Fatal(err)
	}
	c2 := newClient(t, client.Config{URL: url, Token: l2.Token})
	if err := c2.Logout(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := c2.Me(ctx(t)); apiError(t, err).StatusCode != 401 {
		t.Fatalf("after Logout: %v", err)
	}
	// A 73-byte password is refused in words.
	if _, err := admin.CreateUser(ctx(t), "bob", string(make([]byte, 73)), ""); apiError(t, err).StatusCode != 400 || apiError(t, err).Code != "TARSUS_BAD_PASSWORD" {
		t.Fatalf("73-byte password: %v", err)
	}
}
