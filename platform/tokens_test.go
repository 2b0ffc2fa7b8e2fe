package platform_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"testing"
	"time"

	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/platform"
	"github.com/tarsus/tarsus/store"
)

func openPlatform(t *testing.T, cfg platform.Config) (*platform.Platform, *store.Badger) {
	t.Helper()
	st, err := store.Open(store.Config{Dir: filepath.Join(t.TempDir(), "badger")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Engine = engine.Config{Timeout: 5 * time.Second}
	p, err := platform.New(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close(); _ = st.Close() })
	return p, st
}

func hashOf(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// TestTokenCapSessionLifetimeTouch: a user holds at most MaxTokensPerUser
// tokens (the least recently used go first, never the admin token); a
// console session lasts SessionLifetime at most; last use is written at
// most once per TokenTouchInterval.
func TestTokenCapSessionLifetimeTouch(t *testing.T) {
	ctx := context.Background()
	p, st := openPlatform(t, platform.Config{MaxTokensPerUser: 3, SessionLifetime: time.Hour, TokenTouchInterval: time.Hour})
	if _, err := p.Bootstrap(ctx, "tsk_admin_cap"); err != nil {
		t.Fatal(err)
	}
	admin, _, err := p.Login(ctx, "admin", "unknown-password", platform.LoginOptions{})
	if err == nil {
		t.Fatalf("a login with a made-up password: %+v", admin)
	}
	if err := p.ResetPassword(ctx, "admin", "admin-password"); err != nil {
		t.Fatal(err)
	}
	// The admin token outlives password changes (it is rotated by
	// --admin-token).
	if _, err := p.Authenticate(ctx, "tsk_admin_cap"); err != nil {
		t.Fatalf("a password reset revoked the admin token: %v", err)
	}
	_, first, err := p.CreateUser(ctx, "alice", "password-alice", "")
	if err != nil {
		t.Fatal(err)
	}
	var last platform.Issued
	for range 4 {
		if last, _, err = p.Login(ctx, "alice", "password-alice", platform.LoginOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	toks, err := p.Tokens(ctx, "alice", "")
	if err != nil || len(toks) != 3 {
		t.Fatalf("alice holds %d tokens (%v), want 3", len(toks), err)
	}
	if _, err := p.Authenticate(ctx, first); err == nil {
		t.Fatal("the least recently used token survived the cap")
	}
	if _, err := p.Authenticate(ctx, last.Token); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		if _, _, err := p.Login(ctx, "admin", "admin-password", platform.LoginOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Authenticate(ctx, "tsk_admin_cap"); err != nil {
		t.Fatalf("the cap revoked the admin token: %v", err)
	}

	// Sessions: at most SessionLifetime, even when asked for longer.
	s, _, err := p.Login(ctx, "alice", "password-alice", platform.LoginOptions{Session: true, ExpiresIn: 48 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Until(s.ExpiresAt); d > time.Hour || d < 59*time.Minute || s.Kind != store.TokenSession {
		t.Fatalf("session %+v expires in %v, want 1h", s, d)
	}

	// Last use: written on the first use, not again within the interval.
	h := hashOf(last.Token)
	if _, _, err := p.Identify(ctx, last.Token); err != nil {
		t.Fatal(err)
	}
	t1, _, _ := st.LookupToken(ctx, h)
	if t1.LastUsedAt.IsZero() {
		t.Fatal("the first use was not recorded")
	}
	for range 5 {
		if _, _, err := p.Identify(ctx, last.Token); err != nil {
			t.Fatal(err)
		}
	}
	t2, _, _ := st.LookupToken(ctx, h)
	if !t2.LastUsedAt.Equal(t1.LastUsedAt) {
		t.Fatalf("last use rewritten within the interval: %v then %v", t1.LastUsedAt, t2.LastUsedAt)
	}
}
