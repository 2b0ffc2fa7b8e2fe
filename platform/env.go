package platform

// Environment variables and secrets of a user, which their functions read
// as process.env.NAME.
//
// Names follow ^[A-Z_][A-Z0-9_]*$ (at most 128 bytes); a value has at most
// Config.MaxEnvValueBytes; a user has at most store.Config.MaxEnvVars. A
// secret is sealed (secrets.go) before it reaches the store and is never
// answered by the API, written to a log or put in an error message: only
// functions (through engine.Host's Env) and the platform's own features
// (Platform.EnvValue) read it in clear.
//
// Env answers from a per-user cache of the decrypted environment; every
// change on this node drops the user's entry, so the next invocation sees
// it without a deploy. (With several nodes, each must drop its entry on a
// change made elsewhere: the cluster's store has to announce changes.)

import (
	"context"
	"errors"
	"maps"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

// DefaultMaxEnvValueBytes is Config.MaxEnvValueBytes's default.
const DefaultMaxEnvValueBytes = 8 << 10

// EnvInfo is one variable as the API lists it: a secret without its value.
type EnvInfo struct {
	Name      string    `json:"name"`
	Value     *string   `json:"value,omitempty"`
	Secret    bool      `json:"secret"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// envCacheBytes bounds what the cache holds (names and values): past it,
// entries are dropped (any, by the map's order) until it fits; a dropped
// user's next invocation reads the store again.
const envCacheBytes = 32 << 20

// envCache holds users' decrypted environments.
type envCache struct {
	mu    sync.Mutex
	m     map[string]envEntry
	gen   map[string]uint64 // bumped by every change, so a load that raced one is not kept
	bytes int
	max   int // envCacheBytes
}

type envEntry struct {
	vars map[string]string
	size int
}

func newEnvCache() *envCache {
	return &envCache{m: map[string]envEntry{}, gen: map[string]uint64{}, max: envCacheBytes}
}

func (c *envCache) drop(user string) {
	c.mu.Lock()
	c.bytes -= c.m[user].size
	delete(c.m, user)
	c.gen[user]++
	c.mu.Unlock()
}

// put keeps a user's environment unless a change came after gen. The
// caller holds c.mu.
func (c *envCache) put(user string, gen uint64, vars map[string]string) {
	if c.gen[user] != gen {
		return
	}
	size := 64
	for k, v := range vars {
		size += len(k) + len(v) + 32
	}
	for u, e := range c.m {
		if c.bytes+size <= c.max {
			break
		}
		c.bytes -= e.size
		delete(c.m, u)
	}
	c.bytes -= c.m[user].size
	c.m[user] = envEntry{vars: vars, size: size}
	c.bytes += size
}

func (p *Platform) envErr(err error, name string) error {
	var le *store.LimitError
	switch {
	case errors.As(err, &le):
		return errf(507, "TARSUS_ENV_QUOTA", "a user may have at most %d environment variables and secrets (%d set): remove one first (tarsus env rm NAME)", le.Limit, le.Used)
	case errors.Is(err, store.ErrInvalid):
		return badEnvName(name)
	}
	return storeErr(err, "environment variable "+name)
}

func badEnvName(name string) error {
	shown := name
	if len(shown) > 64 || !utf8.ValidString(shown) {
		shown = "(the name given)"
	}
	return errf(400, "TARSUS_ENV_BAD_NAME", "environment variable name %q is invalid: use upper-case letters, digits and '_', not starting with a digit (^[A-Z_][A-Z0-9_]*$), at most %d characters", shown, store.MaxEnvNameLen)
}

// SetEnv sets one of the user's environment variables; a secret is
// sealed before it is stored.
func (p *Platform) SetEnv(ctx context.Context, user, name, value string, secret bool) error {
	if !store.ValidEnvName(name) {
		return badEnvName(name)
	}
	if len(value) > p.cfg.MaxEnvValueBytes {
		// The message never quotes the value: it may be a secret.
		return errf(413, "TARSUS_ENV_TOO_LARGE", "the value of %s has %s; a value may have at most %s", name, sizeText(int64(len(value))), sizeText(int64(p.cfg.MaxEnvValueBytes)))
	}
	v := store.EnvVar{Name: name, Value: []byte(value), Secret: secret}
	if secret {
		if err := p.keyReady(ctx); err != nil {
			return err
		}
		sealed, err := p.sealer.seal(v.Value, secretAD(user, name))
		if err != nil {
			return err
		}
		v.Value = sealed
	}
	err := p.store.PutEnv(ctx, user, v)
	p.env.drop(user)
	if err != nil {
		return p.envErr(err, name)
	}
	return nil
}

// keyReady makes sure the store's key check matches this server's key
// before the first secret is sealed under a key made for this process.
func (p *Platform) keyReady(ctx context.Context) error {
	p.keyMu.Lock()
	defer p.keyMu.Unlock()
	if p.keyChecked {
		return nil
	}
	if err := p.writeKeyCheck(ctx); err != nil {
		return err
	}
	if err := p.checkKey(ctx); err != nil {
		return errf(500, "TARSUS_SECRET_KEY", "%s", err.Error())
	}
	p.keyChecked = true
	return nil
}

// ListEnv lists the user's variables by name; secrets without a value.
func (p *Platform) ListEnv(ctx context.Context, user string) ([]EnvInfo, error) {
	vars, err := p.store.Env(ctx, user)
	if err != nil {
		return nil, storeErr(err, "user "+user)
	}
	out := make([]EnvInfo, 0, len(vars))
	for _, v := range vars {
		e := EnvInfo{Name: v.Name, Secret: v.Secret, UpdatedAt: v.UpdatedAt.UTC().Truncate(time.Second)}
		if !v.Secret {
			s := string(v.Value)
			e.Value = &s
		}
		out = append(out, e)
	}
	return out, nil
}

// DeleteEnv removes one of the user's variables.
func (p *Platform) DeleteEnv(ctx context.Context, user, name string) error {
	if !store.ValidEnvName(name) {
		return badEnvName(name)
	}
	err := p.store.DeleteEnv(ctx, user, name)
	p.env.drop(user)
	if err != nil {
		return p.envErr(err, name)
	}
	return nil
}

// EnvValue returns the value of one of the user's variables, a secret's in
// clear, for the platform's own features (a JWT check's signing secret,
// ...). It reads the same cache functions do; ok is false when the name
// is not set. Never answer or log what it returns.
func (p *Platform) EnvValue(ctx context.Context, user, name string) (value string, ok bool, err error) {
	env, err := p.userEnv(ctx, user)
	if err != nil {
		return "", false, err
	}
	value, ok = env[name]
	return value, ok, nil
}

// userEnv is the user's decrypted environment, from the cache or the
// store. The map is shared: callers must not change it.
func (p *Platform) userEnv(ctx context.Context, user string) (map[string]string, error) {
	c := p.env
	c.mu.Lock()
	if e, ok := c.m[user]; ok {
		c.mu.Unlock()
		return e.vars, nil
	}
	gen := c.gen[user]
	c.mu.Unlock()

	vars, err := p.store.Env(ctx, user)
	if errors.Is(err, store.ErrNotFound) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(vars))
	for _, v := range vars {
		if !v.Secret {
			m[v.Name] = string(v.Value)
			continue
		}
		plain, err := p.sealer.open(v.Value, secretAD(user, v.Name))
		if err != nil {
			// Leave it out and say so (by name only); the rest still works.
			p.log.Error("platform: a secret does not open with this server's key; functions see it unset", "user", user, "name", v.Name)
			continue
		}
		m[v.Name] = string(plain)
	}
	c.mu.Lock()
	c.put(user, gen, m)
	c.mu.Unlock()
	return m, nil
}

// hostEnv is engine.Host's Env: a copy of the cached environment, which
// the engine may keep for the invocation.
func (p *Platform) hostEnv(ctx context.Context, user string) (map[string]string, error) {
	m, err := p.userEnv(ctx, user)
	if err != nil {
		p.log.Error("platform: reading the environment failed", "user", user, "err", err)
		return nil, &engine.HostError{ErrCode: "TARSUS_ENV_UNAVAILABLE", Message: "the environment could not be read; the server log has the details"}
	}
	return maps.Clone(m), nil
}
