package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestUsers(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	created := time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("X", 3600))
	steps := []struct {
		name string
		run  func() error
		want error
	}{
		{"create bob", func() error { return s.CreateUser(ctx, User{Name: "bob", Role: RoleUser, PasswordHash: []byte("h")}) }, nil},
		{"create alice admin", func() error { return s.CreateUser(ctx, User{Name: "alice", Role: RoleAdmin, CreatedAt: created}) }, nil},
		{"create carol", func() error { return s.CreateUser(ctx, User{Name: "carol", Role: RoleUser}) }, nil},
		{"duplicate", func() error { return s.CreateUser(ctx, User{Name: "bob", Role: RoleAdmin}) }, ErrExists},
		{"empty name", func() error { return s.CreateUser(ctx, User{Name: "", Role: RoleUser}) }, ErrInvalid},
		{"slash in name", func() error { return s.CreateUser(ctx, User{Name: "a/b", Role: RoleUser}) }, ErrInvalid},
		{"leading dot", func() error { return s.CreateUser(ctx, User{Name: ".a", Role: RoleUser}) }, ErrInvalid},
		{"bad role", func() error { return s.CreateUser(ctx, User{Name: "dave", Role: "root"}) }, ErrInvalid},
		{"get missing", func() error { _, err := s.GetUser(ctx, "zed"); return err }, ErrNotFound},
		{"get invalid name", func() error { _, err := s.GetUser(ctx, "../x"); return err }, ErrNotFound},
		{"delete carol", func() error { return s.DeleteUser(ctx, "carol") }, nil},
		{"delete carol again", func() error { return s.DeleteUser(ctx, "carol") }, ErrNotFound},
		{"get deleted", func() error { _, err := s.GetUser(ctx, "carol"); return err }, ErrNotFound},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if err := st.run(); !errors.Is(err, st.want) || (st.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, st.want)
			}
		})
	}

	bob, err := s.GetUser(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if bob.Role != RoleUser || string(bob.PasswordHash) != "h" || bob.CreatedAt.IsZero() || bob.CreatedAt.Location() != time.UTC {
		t.Errorf("bob = %+v", bob)
	}
	alice, err := s.GetUser(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if !alice.CreatedAt.Equal(created) || alice.CreatedAt.Location() != time.UTC || alice.Role != RoleAdmin {
		t.Errorf("alice = %+v", alice)
	}
	users, err := s.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range users {
		names = append(names, u.Name)
	}
	if !slices.Equal(names, []string{"alice", "bob"}) {
		t.Errorf("ListUsers = %v", names)
	}
}

func TestTokens(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	mustUser(t, s, "bob")
	ta, ta2, tb := sha("a1"), sha("a2"), sha("b1")
	steps := []struct {
		name     string
		run      func() error
		want     error
		wantUser map[string]string // token → owner ("" = not found) checked after the step
	}{
		{"put alice", func() error { return s.PutToken(ctx, ta, Token{User: "alice"}) }, nil, map[string]string{ta: "alice"}},
		{"put alice second", func() error { return s.PutToken(ctx, ta2, Token{User: "alice"}) }, nil, map[string]string{ta: "alice", ta2: "alice"}},
		{"put same again", func() error { return s.PutToken(ctx, ta, Token{User: "alice"}) }, nil, map[string]string{ta: "alice"}},
		{"put bob", func() error { return s.PutToken(ctx, tb, Token{User: "bob"}) }, nil, map[string]string{tb: "bob"}},
		{"steal alice's", func() error { return s.PutToken(ctx, ta, Token{User: "bob"}) }, ErrExists, map[string]string{ta: "alice"}},
		{"missing user", func() error { return s.PutToken(ctx, sha("x"), Token{User: "zed"}) }, ErrNotFound, map[string]string{sha("x"): ""}},
		{"not hex", func() error { return s.PutToken(ctx, "XYZ", Token{User: "alice"}) }, ErrInvalid, nil},
		{"delete alice's", func() error { return s.DeleteTokens(ctx, "alice") }, nil, map[string]string{ta: "", ta2: "", tb: "bob"}},
		{"delete tokens missing user", func() error { return s.DeleteTokens(ctx, "zed") }, ErrNotFound, nil},
		{"reuse after delete", func() error { return s.PutToken(ctx, ta, Token{User: "bob"}) }, nil, map[string]string{ta: "bob"}},
		{"delete bob", func() error { return s.DeleteUser(ctx, "bob") }, nil, map[string]string{ta: "", tb: ""}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if err := st.run(); !errors.Is(err, st.want) || (st.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, st.want)
			}
			for tok, owner := range st.wantUser {
				u, err := s.UserByToken(ctx, tok)
				switch {
				case owner == "" && !errors.Is(err, ErrNotFound):
					t.Errorf("UserByToken(%.8s) = %q, %v; want ErrNotFound", tok, u.Name, err)
				case owner != "" && (err != nil || u.Name != owner):
					t.Errorf("UserByToken(%.8s) = %q, %v; want %q", tok, u.Name, err, owner)
				}
			}
		})
	}
}

func TestOpenAndClose(t *testing.T) {
	ctx := context.Background()
	t.Run("dir required", func(t *testing.T) {
		if _, err := Open(Config{}, nil); !errors.Is(err, ErrInvalid) {
			t.Fatalf("err = %v, want ErrInvalid", err)
		}
	})
	t.Run("in memory", func(t *testing.T) {
		s := openStore(t, Config{InMemory: true})
		mustUser(t, s, "a")
		tr, _ := deploy(t, s, "a", []FileContent{fc("f.ts", "x")})
		if tr.Version != 1 {
			t.Fatalf("version = %d", tr.Version)
		}
	})
	t.Run("dir locked by another open", func(t *testing.T) {
		dir := t.TempDir()
		openStore(t, Config{Dir: dir})
		if b, err := Open(Config{Dir: dir}, nil); err == nil {
			b.Close()
			t.Fatal("second Open of the same dir succeeded")
		}
	})
	t.Run("closed", func(t *testing.T) {
		s := openStore(t, Config{})
		mustUser(t, s, "a")
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		calls := map[string]func() error{
			"GetUser":    func() error { _, err := s.GetUser(ctx, "a"); return err },
			"CreateUser": func() error { return s.CreateUser(ctx, User{Name: "b", Role: RoleUser}) },
			"Tree":       func() error { _, err := s.Tree(ctx, "a"); return err },
			"Deploy": func() error {
				_, _, err := s.Deploy(ctx, DeployRequest{User: "a", By: "a", Via: ViaAPI, ExpectVersion: -1})
				return err
			},
			"AppendLogs": func() error { return s.AppendLogs(ctx, "a", []LogRecord{{Msg: "x"}}) },
			"Logs":       func() error { _, err := s.Logs(ctx, "a", LogQuery{}); return err },
			"Close":      s.Close,
		}
		for name, call := range calls {
			if err := call(); !errors.Is(err, ErrClosed) {
				t.Errorf("%s after Close: %v, want ErrClosed", name, err)
			}
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		s := openStore(t, Config{})
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.CreateUser(cctx, User{Name: "a", Role: RoleUser}); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if _, err := s.GetUser(ctx, "a"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("user created despite cancelled context: %v", err)
		}
	})
}
