package platform

// Invocation keys. A key is "tik_" + 24 random bytes (base64url); the store
// keeps only its sha256, under its user (store/keys.go), shown once when it
// is made. A key can only invoke its user's routes with opts.config.auth
// "key", optionally only those matching its route patterns, until it
// expires or is revoked. Keys in use are cached in memory per user; a
// revocation drops the user's cache, so it takes effect at once on this
// node (another node of a cluster notices within keyCacheTTL).

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tarsus/tarsus/access"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

const (
	keyPrefix      = "tik_"
	keyCacheTTL    = 10 * time.Second
	maxKeyRoutes   = 32
	maxKeyNameLen  = 100
	maxPresentedKy = 256
)

// KeyInfo is an invocation key as listings show it: never the secret.
type KeyInfo struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Routes    []string   `json:"routes,omitempty"`
	CreatedAt *time.Time `json:"createdAt,omitempty"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
}

// IssuedKey is a key just made: the secret, shown once, and its record.
type IssuedKey struct {
	KeyInfo
	Key string `json:"key"`
}

// KeyInput is what POST /api/v1/keys takes.
type KeyInput struct {
	Name      string    `json:"name"`
	Routes    []string  `json:"routes,omitempty"`
	ExpiresAt time.Time `json:"expiresAt"`
}

func keyInfoOf(k store.Key) KeyInfo {
	return KeyInfo{ID: k.ID, Name: k.Name, Routes: k.Routes, CreatedAt: timePtr(k.CreatedAt), ExpiresAt: timePtr(k.ExpiresAt)}
}

// CreateKey makes an invocation key for user.
func (p *Platform) CreateKey(ctx context.Context, user string, in KeyInput) (IssuedKey, error) {
	if in.Name == "" || len(in.Name) > maxKeyNameLen || strings.ContainsAny(in.Name, "\r\n\x00") {
		return IssuedKey{}, errf(400, "TARSUS_BAD_KEY", "a key needs a name of 1 to %d characters on one line", maxKeyNameLen)
	}
	if len(in.Routes) > maxKeyRoutes {
		return IssuedKey{}, errf(400, "TARSUS_BAD_KEY", "a key may name at most %d route patterns, found %d", maxKeyRoutes, len(in.Routes))
	}
	for _, r := range in.Routes {
		if r == "" || len(r) > 256 || strings.HasPrefix(r, "/") {
			return IssuedKey{}, errf(400, "TARSUS_BAD_KEY", "route pattern %q: write a route such as orders/create or orders/* (no leading /)", r)
		}
		if _, err := path.Match(r, ""); err != nil {
			return IssuedKey{}, errf(400, "TARSUS_BAD_KEY", "route pattern %q is malformed: %v", r, err)
		}
	}
	if !in.ExpiresAt.IsZero() && !in.ExpiresAt.After(time.Now()) {
		return IssuedKey{}, errf(400, "TARSUS_BAD_KEY", "expiresAt %s is in the past", in.ExpiresAt.UTC().Format(time.RFC3339))
	}
	have, err := p.store.Keys(ctx, user)
	if err != nil {
		return IssuedKey{}, storeErr(err, "user "+user)
	}
	if len(have) >= p.cfg.MaxKeysPerUser {
		return IssuedKey{}, errf(409, "TARSUS_QUOTA_KEYS", "%s holds %d invocation keys, the limit; revoke one first (tarsus keys rm ID)", user, len(have))
	}
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return IssuedKey{}, err
	}
	secret := keyPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	k := store.Key{Hash: keyHash(secret), User: user, Name: in.Name, Routes: in.Routes, ExpiresAt: in.ExpiresAt.UTC()}
	if in.ExpiresAt.IsZero() {
		k.ExpiresAt = time.Time{}
	}
	if err := p.store.PutKey(ctx, k); err != nil {
		return IssuedKey{}, storeErr(err, "user "+user)
	}
	k.ID = k.Hash[:store.TokenIDLen]
	k.CreatedAt = time.Now()
	return IssuedKey{KeyInfo: keyInfoOf(k), Key: secret}, nil
}

// Keys lists user's invocation keys, oldest first.
func (p *Platform) Keys(ctx context.Context, user string) ([]KeyInfo, error) {
	ks, err := p.store.Keys(ctx, user)
	if err != nil {
		return nil, storeErr(err, "user "+user)
	}
	out := make([]KeyInfo, 0, len(ks))
	for _, k := range ks {
		out = append(out, keyInfoOf(k))
	}
	return out, nil
}

// RevokeKey deletes user's key id; calls with it are refused from now on.
func (p *Platform) RevokeKey(ctx context.Context, user, id string) error {
	err := p.store.DeleteKey(ctx, user, id)
	p.keys.forget(user)
	if err != nil {
		return storeErr(err, "invocation key "+id)
	}
	return nil
}

// keyCache holds the keys recently presented, per user (hits only: a
// wrong key is looked up in the store each time, behind the rate limit).
type keyCache struct {
	mu sync.Mutex
	us map[string]map[string]cachedKey
}

type cachedKey struct {
	k  store.Key
	at time.Time
}

func (c *keyCache) get(user, hash string, now time.Time) (store.Key, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.us[user][hash]
	if !ok || now.Sub(e.at) > keyCacheTTL {
		return store.Key{}, false
	}
	return e.k, true
}

func (c *keyCache) put(user string, k store.Key, now time.Time, max int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.us == nil {
		c.us = map[string]map[string]cachedKey{}
	}
	m := c.us[user]
	if m == nil || len(m) >= max {
		m = map[string]cachedKey{} // bounded: a user holds at most max keys
		c.us[user] = m
	}
	m[k.Hash] = cachedKey{k: k, at: now}
}

func (c *keyCache) forget(user string) {
	c.mu.Lock()
	delete(c.us, user)
	c.mu.Unlock()
}

func keyHash(k string) string {
	h := sha256.Sum256([]byte(k))
	return hex.EncodeToString(h[:])
}

func unauthorized(format string, a ...any) *Error {
	return errf(401, "TARSUS_UNAUTHORIZED", format, a...)
}

// authorize checks a call of a route whose auth is "key" or "jwt".
func (p *Platform) authorize(user string, fn *engine.Function, r *access.Route, c Caller, a *Admission) *Error {
	tok := presentedKey(c)
	switch r.Auth {
	case access.AuthKey:
		if tok == "" {
			return unauthorized("the route %s needs an invocation key: send it as Authorization: Bearer <key> or x-tarsus-key: <key>", fn.Route)
		}
		if len(tok) > maxPresentedKy || !strings.HasPrefix(tok, keyPrefix) {
			return unauthorized("the invocation key is not valid for the route %s", fn.Route)
		}
		now := time.Now()
		h := keyHash(tok)
		k, ok := p.keys.get(user, h, now)
		if !ok {
			var err error
			k, err = p.store.Key(context.Background(), user, h)
			if err != nil {
				if !errors.Is(err, store.ErrNotFound) {
					p.log.Warn("reading an invocation key", "user", user, "err", err)
				}
				return unauthorized("the invocation key is not valid for the route %s", fn.Route)
			}
			p.keys.put(user, k, now, p.cfg.MaxKeysPerUser)
		}
		if !k.ExpiresAt.IsZero() && !now.Before(k.ExpiresAt) {
			return unauthorized("the invocation key %s expired at %s", k.ID, k.ExpiresAt.UTC().Format(time.RFC3339))
		}
		if len(k.Routes) > 0 && !routeMatches(k.Routes, fn.Route) {
			return unauthorized("the invocation key %s may not invoke the route %s (it is limited to %s)", k.ID, fn.Route, strings.Join(k.Routes, ", "))
		}
		return nil
	case access.AuthJWT:
		if tok == "" {
			return unauthorized("the route %s needs a JSON Web Token: send it as Authorization: Bearer <token>", fn.Route)
		}
		if r.JWT.JWKS != "" {
			claims, err := p.verifyJWKS(r.JWT.JWKS, tok)
			if err != nil {
				return err
			}
			a.Claims = claims
			return nil
		}
		key, err := p.jwtKey(user, r.JWT.Secret)
		if err != nil {
			return err
		}
		claims, verr := access.VerifyHS256(tok, key, time.Now())
		if verr != nil {
			return unauthorized("the token was refused: %v", verr)
		}
		a.Claims = claims
		return nil
	}
	return unauthorized("the route %s refuses every call", fn.Route)
}

// routeMatches reports whether route matches one of the patterns (path.Match:
// * stays within one path segment).
func routeMatches(patterns []string, route string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, route); ok {
			return true
		}
	}
	return false
}

// jwtKey reads the HS256 key of a route with auth "jwt" from the user's
// secret (or variable) name, through the same cache functions read
// process.env from: a change is live at the next call.
func (p *Platform) jwtKey(user, name string) ([]byte, *Error) {
	v, ok, err := p.EnvValue(context.Background(), user, name)
	if err != nil {
		p.log.Error("platform: reading a route's JWT key failed", "user", user, "name", name, "err", err)
		return nil, &Error{Status: 503, Code: "TARSUS_ENV_UNAVAILABLE", Message: "the route's JWT key could not be read; the server log has the details"}
	}
	if !ok || v == "" {
		return nil, &Error{Status: 500, Code: "TARSUS_JWT_KEY_MISSING", Message: "the route checks tokens with the secret " + name + ", which is not set: its owner sets it with tarsus env set " + name + " --secret"}
	}
	return []byte(v), nil
}

// jwksCache keeps the key sets routes with opts.config.jwt.jwks name,
// fetched through the egress client (the rules functions' fetch obeys),
// for jwksTTL; a token naming a key the set lacks refetches it, at most
// once per jwksRetry. At most maxJWKSSets sets are kept.
type jwksCache struct {
	mu   sync.Mutex
	sets map[string]*jwksEntry
}

type jwksEntry struct {
	mu      sync.Mutex // held while fetching: one fetch per set at a time
	ks      *access.KeySet
	fetched time.Time
	err     *Error
}

const (
	jwksTTL      = 10 * time.Minute
	jwksRetry    = 30 * time.Second
	jwksTimeout  = 5 * time.Second
	maxJWKSSets  = 256
	jwksErrorTTL = 5 * time.Second
)

func (c *jwksCache) entry(url string) *jwksEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sets == nil || len(c.sets) >= maxJWKSSets && c.sets[url] == nil {
		c.sets = map[string]*jwksEntry{}
	}
	e := c.sets[url]
	if e == nil {
		e = &jwksEntry{}
		c.sets[url] = e
	}
	return e
}

// keySet returns the key set at url, fetched again when older than
// jwksTTL, or when refresh and older than jwksRetry.
func (p *Platform) keySet(url string, refresh bool) (*access.KeySet, *Error) {
	e := p.jwks.entry(url)
	e.mu.Lock()
	defer e.mu.Unlock()
	age := time.Since(e.fetched)
	switch {
	case e.err != nil && age < jwksErrorTTL:
		return nil, e.err
	case e.ks != nil && age < jwksTTL && !(refresh && age >= jwksRetry):
		return e.ks, nil
	}
	ks, err := p.fetchJWKS(url)
	e.fetched = time.Now()
	if err != nil {
		e.err = err
		if e.ks != nil && age < jwksTTL {
			return e.ks, nil // keep the last good set through a blip
		}
		return nil, err
	}
	e.ks, e.err = ks, nil
	return ks, nil
}

func (p *Platform) fetchJWKS(url string) (*access.KeySet, *Error) {
	fail := func(why string) *Error {
		return &Error{Status: 503, Code: "TARSUS_JWKS_UNAVAILABLE", Message: "the route's key set " + url + " could not be fetched: " + why}
	}
	ctx, cancel := context.WithTimeout(context.Background(), jwksTimeout)
	defer cancel()
	resp, err := p.egress.Do(ctx, "GET", url, http.Header{"Accept": {"application/json"}}, nil, 0)
	if err != nil {
		return nil, fail(err.Error())
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fail("it answered " + strconv.Itoa(resp.StatusCode))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, access.MaxJWKSBytes+1))
	if err != nil {
		return nil, fail(err.Error())
	}
	ks, err := access.ParseJWKS(b)
	if err != nil {
		return nil, fail(err.Error())
	}
	if ks.Len() == 0 {
		return nil, fail("it holds no RS256 or ES256 key")
	}
	return ks, nil
}

// verifyJWKS checks a token against the route's key set, fetching the set
// again once when the token names a key it lacks (a rotation).
func (p *Platform) verifyJWKS(url, tok string) ([]byte, *Error) {
	ks, err := p.keySet(url, false)
	if err != nil {
		return nil, err
	}
	claims, verr := access.VerifyJWKS(tok, ks, time.Now())
	if errors.Is(verr, access.ErrUnknownKey) {
		if ks, err = p.keySet(url, true); err != nil {
			return nil, err
		}
		claims, verr = access.VerifyJWKS(tok, ks, time.Now())
	}
	if verr != nil {
		return nil, unauthorized("the token was refused: %v", verr)
	}
	return claims, nil
}
