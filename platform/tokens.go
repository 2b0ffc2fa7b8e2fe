package platform

// Tokens. A bearer token is "tsk_" + 24 random bytes; the store keeps only
// its sha256 with a record: id (the hash's first 16 hex digits), name,
// kind, creation, last use and expiry. Kinds: "login" (POST /api/v1/login,
// optional lifetime), "session" (the console's cookie; Config.SessionLifetime
// from sign-in, fixed), "created" (issued with a new user), "admin-token"
// (the server's --admin-token; a different one at the next start revokes
// it), "bootstrap" (printed at the first start), "password" (issued by a
// password change), "legacy" (stored before records existed; never
// expires). A password change or reset revokes every token of the user
// but the admin token, which is rotated by changing --admin-token. Last use is
// written at most once per Config.TokenTouchInterval; a user holds at most
// Config.MaxTokensPerUser tokens.

import (
	"context"
	"errors"
	"sort"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/tarsus/tarsus/store"
)

// Issued is a token just made: the secret, shown once, and its record.
type Issued struct {
	Token     string
	ID        string
	Kind      string
	ExpiresAt time.Time // zero: never
}

// TokenInfo is a token as listings show it: never the secret.
type TokenInfo struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Kind       string     `json:"kind"`
	CreatedAt  *time.Time `json:"createdAt,omitempty"`
	LastUsedAt *time.Time `json:"lastUsedAt,omitempty"`
	ExpiresAt  *time.Time `json:"expiresAt,omitempty"`
	// Current marks the token the request was made with.
	Current bool `json:"current,omitempty"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Second)
	return &t
}

func tokenInfoOf(t store.Token) TokenInfo {
	name := t.Name
	if name == "" && t.Kind == store.TokenLegacy {
		name = "issued before token records"
	}
	return TokenInfo{ID: t.ID, Name: name, Kind: t.Kind, CreatedAt: timePtr(t.CreatedAt),
		LastUsedAt: timePtr(t.LastUsedAt), ExpiresAt: timePtr(t.ExpiresAt)}
}

func expired(t store.Token, at time.Time) bool {
	return !t.ExpiresAt.IsZero() && !at.Before(t.ExpiresAt)
}

// Identify returns the user a token belongs to and the token's record. An
// expired token is deleted and refused. The token's last use is written at
// most once per Config.TokenTouchInterval.
func (p *Platform) Identify(ctx context.Context, token string) (User, TokenInfo, error) {
	if token == "" {
		return User{}, TokenInfo{}, ErrUnauthorized
	}
	h := hashToken(token)
	t, u, err := p.store.LookupToken(ctx, h)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return User{}, TokenInfo{}, errf(401, "TARSUS_UNAUTHORIZED", "the API token is not valid (it may have been revoked); log in again")
		}
		return User{}, TokenInfo{}, err
	}
	at := now()
	if expired(t, at) {
		if err := p.store.DeleteToken(ctx, t.User, t.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
			p.log.Warn("deleting an expired token", "user", t.User, "id", t.ID, "err", err)
		}
		return User{}, TokenInfo{}, errf(401, "TARSUS_TOKEN_EXPIRED", "the API token expired at %s; log in again", t.ExpiresAt.UTC().Format(time.RFC3339))
	}
	if at.Sub(t.LastUsedAt) >= p.cfg.TokenTouchInterval {
		if err := p.store.TouchToken(ctx, h, at); err != nil {
			p.log.Warn("recording a token's last use", "user", t.User, "id", t.ID, "err", err)
		}
		t.LastUsedAt = at
	}
	info := tokenInfoOf(t)
	info.Current = true
	return userOf(u), info, nil
}

// issue makes a token from t (User, Kind, Name, ExpiresAt) and stores it.
// A user holds at most Config.MaxTokensPerUser tokens: beyond, the expired
// ones and then the least recently used ones (never the admin token) go.
func (p *Platform) issue(ctx context.Context, t store.Token) (Issued, error) {
	if err := p.pruneTokens(ctx, t.User); err != nil {
		return Issued{}, err
	}
	tok := newSecret("tsk_", 24)
	h := hashToken(tok)
	t.CreatedAt = now()
	if err := p.store.PutToken(ctx, h, t); err != nil {
		return Issued{}, storeErr(err, "user "+t.User)
	}
	return Issued{Token: tok, ID: h[:store.TokenIDLen], Kind: t.Kind, ExpiresAt: t.ExpiresAt}, nil
}

// pruneTokens makes room for one more token of user.
func (p *Platform) pruneTokens(ctx context.Context, user string) error {
	toks, err := p.store.Tokens(ctx, user)
	if err != nil {
		return storeErr(err, "user "+user)
	}
	at := now()
	var keep []store.Token
	for _, t := range toks {
		if expired(t, at) {
			if err := p.store.DeleteToken(ctx, user, t.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			continue
		}
		if t.Kind != store.TokenAdmin {
			keep = append(keep, t)
		}
	}
	if len(keep) < p.cfg.MaxTokensPerUser {
		return nil
	}
	last := func(t store.Token) time.Time {
		if t.LastUsedAt.After(t.CreatedAt) {
			return t.LastUsedAt
		}
		return t.CreatedAt
	}
	sort.Slice(keep, func(i, j int) bool { return last(keep[i]).Before(last(keep[j])) })
	for _, t := range keep[:len(keep)-p.cfg.MaxTokensPerUser+1] {
		if err := p.store.DeleteToken(ctx, user, t.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		p.log.Info("revoked the least recently used token: too many tokens", "user", user, "id", t.ID, "max", p.cfg.MaxTokensPerUser)
	}
	return nil
}

// Tokens lists user's live tokens, oldest first; currentID marks the
// caller's. Expired tokens are deleted, not listed.
func (p *Platform) Tokens(ctx context.Context, user, currentID string) ([]TokenInfo, error) {
	toks, err := p.store.Tokens(ctx, user)
	if err != nil {
		return nil, storeErr(err, "user "+user)
	}
	at := now()
	out := []TokenInfo{}
	for _, t := range toks {
		if expired(t, at) {
			if err := p.store.DeleteToken(ctx, user, t.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
				return nil, err
			}
			continue
		}
		i := tokenInfoOf(t)
		i.Current = t.ID == currentID
		out = append(out, i)
	}
	return out, nil
}

// RevokeToken revokes one of user's tokens by its id.
func (p *Platform) RevokeToken(ctx context.Context, user, id string) error {
	if err := p.store.DeleteToken(ctx, user, id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return errf(404, "TARSUS_NOT_FOUND", "%s has no token with id %q (GET /api/v1/tokens lists them)", user, id)
		}
		return err
	}
	return nil
}

// ChangePassword sets name's password after checking the current one, and
// revokes every token of theirs. The caller gets a new token: a console
// session when session is true (the caller's own was one), else an API
// token that does not expire.
func (p *Platform) ChangePassword(ctx context.Context, name, current, next string, session bool) (Issued, error) {
	if err := CheckPassword(next); err != nil {
		return Issued{}, err
	}
	if _, err := p.checkPassword(ctx, name, current); err != nil {
		var pe *Error
		if errors.As(err, &pe) && pe.Code == "TARSUS_BAD_CREDENTIALS" {
			return Issued{}, errf(403, "TARSUS_BAD_CREDENTIALS", "the current password is wrong; nothing was changed")
		}
		return Issued{}, err
	}
	if err := p.setPassword(ctx, name, next); err != nil {
		return Issued{}, err
	}
	t := store.Token{User: name, Kind: store.TokenPassword, Name: "issued by a password change"}
	if session {
		t.Kind, t.Name, t.ExpiresAt = store.TokenSession, "console session", now().Add(p.cfg.SessionLifetime)
	}
	return p.issue(ctx, t)
}

// ResetPassword sets name's password (an admin's reset) and revokes every
// token of theirs.
func (p *Platform) ResetPassword(ctx context.Context, name, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	return p.setPassword(ctx, name, password)
}

func (p *Platform) setPassword(ctx context.Context, name, password string) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	if err := p.store.SetPassword(ctx, name, hash); err != nil {
		return storeErr(err, "user "+name)
	}
	p.log.Info("password changed; the user's tokens are revoked", "user", name)
	return nil
}
