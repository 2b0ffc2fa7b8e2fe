// Package platform is Tarsus's domain layer: users and tokens, the deploy
// path (check → build → contract check → store → publish), invocation with
// its logs, statistics and metrics, and each user's environment variables
// and secrets (env.go, secrets.go) and KV store (kv.go), which functions
// reach through engine.Host (host.go). It composes the leaf packages store,
// bundler and engine, and knows nothing of HTTP; package api serves it.
//
// Functions' fetch (host.go): engine.Host's Fetch goes through package
// egress (the allow list, addresses refused after DNS, the body cap); its
// refusals and limits, and network failures with Node's codes, become
// engine.HostErrors. Each request an invocation made is counted in the
// metrics and listed in its log record (Request.Fetched).
//
// Access to functions (access.go, keys.go, schedule.go): the route options
// package access reads at deploy are stored with each route, so that the
// scheduler knows every schedule and a route loaded after a restart keeps
// its auth without running code; Admit decides before a runtime is used.
//
// The deploy path is the seam for a multi-node future: everything a deploy
// changes goes through store.Store in one atomic Deploy, and a node only
// publishes what the store accepted.
package platform

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/tarsus/tarsus/access"
	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/egress"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

// Config configures a Platform. Defaults are filled in by New.
type Config struct {
	// Engine configures the runtime pools.
	Engine engine.Config
	// MaxFileSize is the largest source file accepted. Optional. Default: 1 MiB.
	MaxFileSize int
	// MaxDeploySize is the largest deploy (sum of files). Optional. Default: 20 MiB.
	MaxDeploySize int
	// MaxFiles is the most files a user may have. Optional. Default: 1000.
	MaxFiles int
	// MaxPathLen is the longest file path, in bytes. Optional. Default: 256.
	MaxPathLen int
	// RecentInvocations is how many successful invocation records per user
	// are kept in memory (they are not written to the store).
	// Optional. Default: 64.
	RecentInvocations int
	// MaxBuildBytes caps the bundles and source maps one deploy builds
	// (quota.go): more is 413 TARSUS_QUOTA_BUILD.
	// Optional. Default: 64 MiB. Negative: no cap.
	MaxBuildBytes int64
	// MaxLogBytesPerDay caps each user's console output per UTC day
	// (quota.go): past it, the user's console lines are dropped until the
	// day ends and one system line says so.
	// Optional. Default: 64 MiB. Negative: no cap.
	MaxLogBytesPerDay int64
	// MaxLogFollowers caps each user's live log streams
	// (GET /api/v1/logs?follow=true): one more is 429
	// TARSUS_QUOTA_FOLLOWERS. Optional. Default: 8. Negative: no cap.
	MaxLogFollowers int
	// SessionLifetime is how long a console session lasts from sign-in
	// (fixed, not sliding: the console signs in again after it).
	// Optional. Default: 12h.
	SessionLifetime time.Duration
	// TokenTouchInterval bounds how often a token's last use is written to
	// the store: at most once per interval per token.
	// Optional. Default: 1m.
	TokenTouchInterval time.Duration
	// MaxTokensPerUser is how many tokens a user may hold; issuing one more
	// revokes the least recently used (never the admin token).
	// Optional. Default: 100.
	MaxTokensPerUser int
	// FetchAllow lists the addresses functions' fetch may reach although
	// the egress guard refuses them by default (loopback, private,
	// link-local, …): CIDRs, bare IPs and host names (package egress).
	// Optional. Default: none.
	FetchAllow []string
	// FetchMaxBytes caps one fetch response body (decompressed); past it
	// the body fails with TARSUS_FETCH_TOO_LARGE. Optional. Default: 10 MiB.
	FetchMaxBytes int64
	// SecretKey is the AES-256 key secrets are sealed with (secrets.go),
	// 32 bytes. A store whose secrets were sealed under another key is
	// refused by New. Optional. Default: a random key for this process
	// only (secrets set under it do not open after a restart, and New
	// then refuses the store): servers always give one.
	SecretKey []byte
	// MaxEnvValueBytes caps the value of one environment variable or
	// secret (env.go). Optional. Default: 8 KiB.
	MaxEnvValueBytes int
	// RateLimit is the server-wide default rate of calls per user, for the
	// routes that set no opts.config.rateLimit of their own (access.go).
	// Optional. Default: none (Max 0).
	RateLimit RateLimit
	// MaxRateBuckets bounds the rate limiter's buckets in memory (one per
	// client of a limited route, one per user under RateLimit).
	// Optional. Default: 65536.
	MaxRateBuckets int
	// MaxSchedulesPerUser caps the routes with opts.config.schedule one
	// user may have (schedule.go). Optional. Default: 20.
	MaxSchedulesPerUser int
	// MaxKeysPerUser caps a user's invocation keys (keys.go).
	// Optional. Default: 100.
	MaxKeysPerUser int
	// Logger receives the platform's diagnostics. Optional. Default: discard.
	Logger *slog.Logger
}

func (c *Config) fill() {
	if c.MaxFileSize <= 0 {
		c.MaxFileSize = 1 << 20
	}
	if c.MaxDeploySize <= 0 {
		c.MaxDeploySize = 20 << 20
	}
	if c.MaxFiles <= 0 {
		c.MaxFiles = 1000
	}
	if c.MaxPathLen <= 0 {
		c.MaxPathLen = bundler.DefaultMaxPathLen
	}
	if c.RecentInvocations <= 0 {
		c.RecentInvocations = 64
	}
	if c.MaxBuildBytes == 0 {
		c.MaxBuildBytes = 64 << 20
	}
	if c.MaxLogBytesPerDay == 0 {
		c.MaxLogBytesPerDay = 64 << 20
	}
	if c.MaxLogFollowers == 0 {
		c.MaxLogFollowers = 8
	}
	if c.SessionLifetime <= 0 {
		c.SessionLifetime = 12 * time.Hour
	}
	if c.TokenTouchInterval <= 0 {
		c.TokenTouchInterval = time.Minute
	}
	if c.MaxTokensPerUser <= 0 {
		c.MaxTokensPerUser = 100
	}
	if c.MaxEnvValueBytes <= 0 {
		c.MaxEnvValueBytes = DefaultMaxEnvValueBytes
	}
	if c.RateLimit.Max > 0 && c.RateLimit.Burst <= 0 {
		c.RateLimit.Burst = c.RateLimit.Max
	}
	if c.RateLimit.Max > 0 && c.RateLimit.Window <= 0 {
		c.RateLimit.Window = time.Second
	}
	if c.MaxSchedulesPerUser <= 0 {
		c.MaxSchedulesPerUser = 20
	}
	if c.MaxKeysPerUser <= 0 {
		c.MaxKeysPerUser = 100
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Platform is one Tarsus node.
type Platform struct {
	cfg     Config
	log     *slog.Logger
	store   store.Store
	bundler *bundler.Bundler
	engine  *engine.Engine
	logs    *logHub
	egress  *egress.Client
	stats   *statsBook
	metrics *metrics

	// access.go, schedule.go, keys.go
	limiter   *access.Limiter
	accessMet accessMetrics
	sched     *scheduler
	keys      keyCache
	jwks      jwksCache

	dummyOnce sync.Once
	dummyHash []byte

	locksMu sync.Mutex
	locks   map[string]*sync.Mutex

	// env and secrets (env.go, secrets.go)
	env        *envCache
	sealer     *sealer
	keyMu      sync.Mutex
	keyChecked bool
}

// New creates a platform over st. It owns the engine it creates; Close
// stops it (the store is the caller's to close).
func New(cfg Config, st store.Store) (*Platform, error) {
	cfg.fill()
	p := &Platform{
		cfg:   cfg,
		log:   cfg.Logger,
		store: st,
		locks: map[string]*sync.Mutex{},
		stats: newStatsBook(),
		env:   newEnvCache(),
	}
	eg, err := egress.New(egress.Config{Allow: cfg.FetchAllow, MaxBytes: cfg.FetchMaxBytes})
	if err != nil {
		return nil, err
	}
	p.egress = eg
	if p.sealer, err = newSealer(cfg.SecretKey); err != nil {
		return nil, err
	}
	if err := p.checkKey(context.Background()); err != nil {
		return nil, err
	}
	p.keyChecked = cfg.SecretKey != nil
	p.logs = newLogHub(st, cfg.RecentInvocations, cfg.Logger)
	p.logs.maxDayBytes, p.logs.maxFollowers = cfg.MaxLogBytesPerDay, cfg.MaxLogFollowers
	ecfg := cfg.Engine
	ecfg.Sink = p.logs
	if ecfg.Host == nil {
		ecfg.Host = host{p: p}
	}
	if ecfg.Logger == nil {
		ecfg.Logger = cfg.Logger
	}
	p.bundler = bundler.New(bundler.Options{SourceMap: true, Builtins: engine.BuiltinModules(), Check: engine.CheckSyntax, Logger: cfg.Logger})
	if ecfg.Lower == nil {
		// Code compiled at run time is lowered as bundles are.
		ecfg.Lower = p.bundler.Lower
	}
	eng, err := engine.New(ecfg)
	if err != nil {
		return nil, err
	}
	p.engine = eng
	p.metrics = newMetrics(eng)
	p.initAccess()
	p.sched.start()
	return p, nil
}

// Close stops the engine and flushes logs.
func (p *Platform) Close() {
	p.sched.close()
	p.engine.Close()
	p.egress.Close()
	p.logs.close()
}

// MetricsHandler serves Prometheus metrics.
func (p *Platform) MetricsHandler() http.Handler { return p.metrics.handler() }

func (p *Platform) userLock(user string) *sync.Mutex {
	p.locksMu.Lock()
	defer p.locksMu.Unlock()
	m := p.locks[user]
	if m == nil {
		m = &sync.Mutex{}
		p.locks[user] = m
	}
	return m
}

// Error is a domain error with an HTTP status and a machine-readable code.
type Error struct {
	Status  int
	Code    string
	Message string
	Details []Problem // per-file problems, for build and contract errors
}

// Problem is one positioned problem in a user's file.
type Problem struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Text   string `json:"text"`
	Code   string `json:"code,omitempty"`
}

func (e *Error) Error() string { return e.Message }

func errf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Sentinel-like errors the api maps; compare with errors.As on *Error.
var (
	ErrUnauthorized = errf(http.StatusUnauthorized, "TARSUS_UNAUTHORIZED", "a valid API token is required: send Authorization: Bearer <token>")
)

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)

// reserved names would shadow the server's own routes or confuse users.
var reserved = map[string]bool{
	"api": true, "console": true, "healthz": true, "metrics": true, "assets": true, "static": true,
	"admin": false, // the bootstrap account itself
	"login": true, "logout": true, "favicon.ico": true, "robots.txt": true, "well-known": true,
	"root": true, "system": true, "tarsus": true, "debug": true, "internal": true, "public": true,
}

// CheckName validates a user name.
func CheckName(name string) error {
	if !nameRE.MatchString(name) {
		return errf(400, "TARSUS_BAD_NAME", "user name %q is invalid: use 2–32 characters, lower-case letters, digits and '-', starting with a letter", name)
	}
	if reserved[name] {
		return errf(400, "TARSUS_BAD_NAME", "user name %q is reserved; choose another", name)
	}
	return nil
}

func notFound(what string) *Error { return errf(404, "TARSUS_NOT_FOUND", "%s not found", what) }

func storeErr(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrNotFound):
		return notFound(what)
	case errors.Is(err, store.ErrExists):
		return errf(409, "TARSUS_EXISTS", "%s already exists", what)
	case errors.Is(err, store.ErrConflict):
		return errf(409, "TARSUS_CONFLICT", "%s was changed concurrently; retry", what)
	}
	return err
}

func now() time.Time { return time.Now().UTC() }
