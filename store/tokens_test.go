package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// TestTokensWrittenBeforeRecords opens a store whose tokens were written
// in the format before token records (t/<hash> → the owner's bare name,
// the raw keys of that version), and checks they keep working: looked up,
// listed, touched (which rewrites them as records) and revoked by id.
func TestTokensWrittenBeforeRecords(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(Config{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustUser(t, s, "alice")
	old, old2 := sha("old-token"), sha("old-token-2")
	err = s.db.Update(func(txn *badger.Txn) error {
		for _, h := range []string{old, old2} {
			if err := txn.Set([]byte("t/"+h), []byte("alice")); err != nil {
				return err
			}
			if err := txn.Set([]byte("tk/alice/"+h), nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openStore(t, Config{Dir: dir})
	tok, u, err := s.LookupToken(ctx, old)
	if err != nil || u.Name != "alice" || tok.User != "alice" || tok.Kind != TokenLegacy || tok.ID != old[:TokenIDLen] || !tok.ExpiresAt.IsZero() {
		t.Fatalf("LookupToken(old) = %+v, %q, %v", tok, u.Name, err)
	}
	list, err := s.Tokens(ctx, "alice")
	if err != nil || len(list) != 2 {
		t.Fatalf("Tokens = %+v, %v; want both old tokens", list, err)
	}
	at := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := s.TouchToken(ctx, old, at); err != nil {
		t.Fatal(err)
	}
	tok, _, err = s.LookupToken(ctx, old)
	if err != nil || tok.User != "alice" || !tok.LastUsedAt.Equal(at) {
		t.Fatalf("after TouchToken: %+v, %v", tok, err)
	}
	if err := s.DeleteToken(ctx, "alice", old2[:TokenIDLen]); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.LookupToken(ctx, old2); !errors.Is(err, ErrNotFound) {
		t.Fatalf("revoked old token: %v, want ErrNotFound", err)
	}
	if _, _, err := s.LookupToken(ctx, old); err != nil {
		t.Fatalf("the other old token went too: %v", err)
	}
}

func TestTokenRecords(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	mustUser(t, s, "bob")
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	exp := created.Add(12 * time.Hour)
	ha, hb := sha("a"), sha("b")
	if err := s.PutToken(ctx, ha, Token{User: "alice", Name: "console", Kind: TokenSession, CreatedAt: created, ExpiresAt: exp}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutToken(ctx, hb, Token{User: "bob", Kind: TokenLogin}); err != nil {
		t.Fatal(err)
	}
	tok, _, err := s.LookupToken(ctx, ha)
	if err != nil || tok.Name != "console" || tok.Kind != TokenSession || !tok.CreatedAt.Equal(created) || !tok.ExpiresAt.Equal(exp) || tok.Hash != ha {
		t.Fatalf("LookupToken = %+v, %v", tok, err)
	}
	// Putting it again keeps its creation and last use.
	if err := s.TouchToken(ctx, ha, created.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.PutToken(ctx, ha, Token{User: "alice", Name: "renamed", CreatedAt: created.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	tok, _, _ = s.LookupToken(ctx, ha)
	if tok.Name != "renamed" || !tok.CreatedAt.Equal(created) || !tok.LastUsedAt.Equal(created.Add(time.Minute)) {
		t.Fatalf("after a second put: %+v", tok)
	}
	// A user cannot revoke another's token by its id.
	if err := s.DeleteToken(ctx, "bob", ha[:TokenIDLen]); !errors.Is(err, ErrNotFound) {
		t.Fatalf("bob revoking alice's token: %v, want ErrNotFound", err)
	}
	for _, bad := range []string{"", "zz", ha, ha[:TokenIDLen-1]} {
		if err := s.DeleteToken(ctx, "alice", bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("DeleteToken(%q) = %v, want ErrNotFound", bad, err)
		}
	}
	if _, err := s.Tokens(ctx, "zed"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Tokens of a missing user: %v", err)
	}
	// A password change revokes every token of that user only, but the
	// admin token.
	hadm := sha("admin-token")
	if err := s.PutToken(ctx, hadm, Token{User: "alice", Kind: TokenAdmin}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(ctx, "alice", []byte("new-hash")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.LookupToken(ctx, ha); !errors.Is(err, ErrNotFound) {
		t.Fatalf("alice's token after SetPassword: %v", err)
	}
	if u, _ := s.GetUser(ctx, "alice"); string(u.PasswordHash) != "new-hash" {
		t.Fatalf("password hash = %q", u.PasswordHash)
	}
	if list, _ := s.Tokens(ctx, "alice"); len(list) != 1 || list[0].Kind != TokenAdmin {
		t.Fatalf("alice lists %+v; want the admin token only", list)
	}
	if _, _, err := s.LookupToken(ctx, hb); err != nil {
		t.Fatalf("bob's token went with alice's password: %v", err)
	}
	if err := s.SetPassword(ctx, "zed", nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SetPassword of a missing user: %v", err)
	}
}
