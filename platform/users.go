package platform

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"
	"unicode/utf8"

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
// exists and that token is the admin's; an admin token given at an earlier
// start that differs from this one is revoked (rotation). Without it, an
// empty store gets an admin account whose password and token are returned
// (to print once); otherwise nothing happens and the result is nil.
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
		h := hashToken(adminToken)
		if err := p.store.PutToken(ctx, h, store.Token{User: "admin", Kind: store.TokenAdmin, Name: "admin token (--admin-token)"}); err != nil {
			return nil, err
		}
		return nil, p.revokeOtherAdminTokens(ctx, h)
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
	if err := p.store.PutToken(ctx, hashToken(tok), store.Token{User: "admin", Kind: store.TokenBootstrap, Name: "printed at the first start"}); err != nil {
		return nil, err
	}
	return &Credentials{Name: "admin", Password: pw, Token: tok}, nil
}

// revokeOtherAdminTokens revokes the admin tokens of earlier starts: an
// operator who starts the server with a new --admin-token rotates it.
// Tokens stored before token records existed carry no kind and stay.
func (p *Platform) revokeOtherAdminTokens(ctx context.Context, keep string) error {
	toks, err := p.store.Tokens(ctx, "admin")
	if err != nil {
		return err
	}
	for _, t := range toks {
		if t.Kind == store.TokenAdmin && t.Hash != keep {
			if err := p.store.DeleteToken(ctx, "admin", t.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			p.log.Info("revoked the previous admin token (--admin-token changed)", "id", t.ID)
		}
	}
	return nil
}

// Credentials are shown once, when an account is created by the server.
type Credentials struct {
	Name, Password, Token string
}

// Password length limits. bcrypt reads at most 72 bytes; a longer password
// would be cut silently, so it is refused.
const (
	MinPasswordLen = 8  // characters
	MaxPasswordLen = 72 // bytes (UTF-8)
)

// CheckPassword validates a new password's length.
func CheckPassword(pw string) error {
	if len(pw) > MaxPasswordLen {
		return errf(400, "TARSUS_BAD_PASSWORD", "the password is %d bytes long; at most %d bytes (UTF-8) are allowed (bcrypt's limit)", len(pw), MaxPasswordLen)
	}
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		return errf(400, "TARSUS_BAD_PASSWORD", "the password must have at least %d characters", MinPasswordLen)
	}
	return nil
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
	u, _, err := p.Identify(ctx, token)
	return u, err
}

// checkPassword compares password with name's; a missing user spends the
// same time as a wrong password. It returns the user on success.
func (p *Platform) checkPassword(ctx context.Context, name, password string) (store.User, error) {
	bad := errf(401, "TARSUS_BAD_CREDENTIALS", "wrong user name or password")
	if len(password) > MaxPasswordLen {
		return store.User{}, errf(400, "TARSUS_BAD_PASSWORD", "the password is %d bytes long; passwords have at most %d bytes", len(password), MaxPasswordLen)
	}
	u, err := p.store.GetUser(ctx, name)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			p.dummyOnce.Do(func() { p.dummyHash, _ = bcrypt.GenerateFromPassword([]byte("tarsus"), bcrypt.DefaultCost) })
			_ = bcrypt.CompareHashAndPassword(p.dummyHash, []byte(password))
			return store.User{}, bad
		}
		return store.User{}, err
	}
	if bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(password)) != nil {
		return store.User{}, bad
	}
	return u, nil
}

// LoginOptions describe the token a login issues.
type LoginOptions struct {
	// Session makes a console session: kind "session", expiring after
	// Config.SessionLifetime unless ExpiresIn is shorter.
	Session bool
	// Label names the token in listings. Optional. Default: by kind.
	Label string
	// ExpiresIn is the token's lifetime. Optional. Default: none for API
	// tokens, Config.SessionLifetime for sessions.
	ExpiresIn time.Duration
}

// Login checks a password and issues a new token.
func (p *Platform) Login(ctx context.Context, name, password string, o LoginOptions) (Issued, User, error) {
	u, err := p.checkPassword(ctx, name, password)
	if err != nil {
		return Issued{}, User{}, err
	}
	t := store.Token{User: u.Name, Kind: store.TokenLogin, Name: o.Label}
	if t.Name == "" {
		t.Name = "login"
	}
	exp := o.ExpiresIn
	if o.Session {
		t.Kind = store.TokenSession
		if t.Name == "login" {
			t.Name = "console session"
		}
		if exp <= 0 || exp > p.cfg.SessionLifetime {
			exp = p.cfg.SessionLifetime
		}
	}
	if exp > 0 {
		t.ExpiresAt = now().Add(exp)
	}
	iss, err := p.issue(ctx, t)
	if err != nil {
		return Issued{}, User{}, err
	}
	return iss, userOf(u), nil
}

// CreateUser creates a user and their first API token.
func (p *Platform) CreateUser(ctx context.Context, name, password, role string) (User, string, error) {
	if err := CheckName(name); err != nil {
		return User{}, "", err
	}
	if err := CheckPassword(password); err != nil {
		return User{}, "", err
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
	iss, err := p.issue(ctx, store.Token{User: name, Kind: store.TokenCreated, Name: "created with the user"})
	if err != nil {
		return User{}, "", err
	}
	u, err := p.store.GetUser(ctx, name)
	if err != nil {
		return User{}, "", err
	}
	return userOf(u), iss.Token, nil
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
	p.sched.forget(name)
	p.keys.forget(name)
	p.logs.forget(name)
	p.stats.forget(name)
	p.metrics.forget(name)
	p.env.drop(name)
	return nil
}
