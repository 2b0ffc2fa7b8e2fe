package platform

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"

	"golang.org/x/crypto/bcrypt"

	"github.com/tarsus/tarsus/store"
)

// User is a user as the API shows it.
type User struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	CreatedAt string `json:"createdAt,omitempty"`
}

func userOf(u store.User) User {
	return User{Name: u.Name, Role: string(u.Role), CreatedAt: u.CreatedAt.Format("2006-01-02T15:04:05Z")}
}

// IsAdmin reports whether u may act on other users.
func (u User) IsAdmin() bool { return u.Role == string(store.RoleAdmin) }

func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

func newSecret(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// Bootstrap prepares a data folder. With adminToken set, the admin account
// exists and that token is the admin's. Without it, an empty store gets an
// admin account whose password and token are returned (to print once);
// otherwise nothing happens and the result is nil.
func (p *Platform) Bootstrap(ctx context.Context, adminToken string) (*Credentials, error) {
	_, err := p.store.GetUser(ctx, "admin")
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if adminToken != "" {
		if !exists {
			pw := newSecret("", 18)
			if err := p.createUser(ctx, "admin", pw, store.RoleAdmin); err != nil {
				return nil, err
			}
		}
		return nil, p.store.PutToken(ctx, hashToken(adminToken), "admin")
	}
	if exists {
		return nil, nil
	}
	users, err := p.store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	if len(users) > 0 {
		return nil, nil
	}
	pw := newSecret("", 18)
	if err := p.createUser(ctx, "admin", pw, store.RoleAdmin); err != nil {
		return nil, err
	}
	tok := newSecret("tsk_", 24)
	if err := p.store.PutToken(ctx, hashToken(tok), "admin"); err != nil {
		return nil, err
	}
	return &Credentials{Name: "admin", Password: pw, Token: tok}, nil
}

// Credentials are shown once, when an account is created by the server.
type Credentials struct {
	Name, Password, Token string
}

func (p *Platform) createUser(ctx context.Context, name, password string, role store.Role) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	return p.store.CreateUser(ctx, store.User{Name: name, Role: role, PasswordHash: hash, CreatedAt: now()})
}

// Authenticate returns the user a bearer token belongs to.
func (p *Platform) Authenticate(ctx context.Context, token string) (User, error) {
	if token == "" {
		return User{}, ErrUnauthorized
	}
	u, err := p.store.UserByToken(ctx, hashToken(token))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return User{}, errf(401, "TARSUS_UNAUTHORIZED", "the API token is not valid (it may have been revoked); log in again")
		}
		return User{}, err
	}
	return userOf(u), nil
}

// Login checks a password and issues a new token.
func (p *Platform) Login(ctx context.Context, name, password string) (string, User, error) {
	bad := errf(401, "TARSUS_BAD_CREDENTIALS", "wrong user name or password")
	u, err := p.store.GetUser(ctx, name)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			// Spend the same time as a wrong password.
			p.dummyOnce.Do(func() { p.dummyHash, _ = bcrypt.GenerateFromPassword([]byte("tarsus"), bcrypt.DefaultCost) })
			_ = bcrypt.CompareHashAndPassword(p.dummyHash, []byte(password))
			return "", User{}, bad
		}
		return "", User{}, err
	}
	if bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(password)) != nil {
		return "", User{}, bad
	}
	tok := newSecret("tsk_", 24)
	if err := p.store.PutToken(ctx, hashToken(tok), u.Name); err != nil {
		return "", User{}, err
	}
	return tok, userOf(u), nil
}

// CreateUser creates a user and their first API token.
func (p *Platform) CreateUser(ctx context.Context, name, password, role string) (User, string, error) {
	if err := CheckName(name); err != nil {
		return User{}, "", err
	}
	if len(password) < 8 {
		return User{}, "", errf(400, "TARSUS_BAD_PASSWORD", "the password must have at least 8 characters")
	}
	r := store.RoleUser
	switch role {
	case "", "user":
	case "admin":
		r = store.RoleAdmin
	default:
		return User{}, "", errf(400, "TARSUS_BAD_ROLE", "role must be \"user\" or \"admin\", not %q", role)
	}
	if err := p.createUser(ctx, name, password, r); err != nil {
		return User{}, "", storeErr(err, "user "+name)
	}
	tok := newSecret("tsk_", 24)
	if err := p.store.PutToken(ctx, hashToken(tok), name); err != nil {
		return User{}, "", err
	}
	u, err := p.store.GetUser(ctx, name)
	if err != nil {
		return User{}, "", err
	}
	return userOf(u), tok, nil
}

// ListUsers lists all users.
func (p *Platform) ListUsers(ctx context.Context) ([]User, error) {
	us, err := p.store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]User, len(us))
	for i, u := range us {
		out[i] = userOf(u)
	}
	return out, nil
}

// GetUser returns one user.
func (p *Platform) GetUser(ctx context.Context, name string) (User, error) {
	u, err := p.store.GetUser(ctx, name)
	if err != nil {
		return User{}, storeErr(err, "user "+name)
	}
	return userOf(u), nil
}

// DeleteUser removes a user with their functions, logs and runtimes.
func (p *Platform) DeleteUser(ctx context.Context, name string) error {
	if name == "admin" {
		return errf(400, "TARSUS_BAD_NAME", "the bootstrap admin account cannot be deleted")
	}
	mu := p.userLock(name)
	mu.Lock()
	defer mu.Unlock()
	if err := p.store.DeleteUser(ctx, name); err != nil {
		return storeErr(err, "user "+name)
	}
	p.engine.Forget(name)
	p.logs.forget(name)
	p.stats.forget(name)
	p.metrics.forget(name)
	return nil
}
