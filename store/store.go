package store

import (
	"context"
	"errors"
	"time"
)

// Sentinel errors. Every error returned by this package that callers are
// expected to act on wraps one of these; test with errors.Is.
var (
	// ErrNotFound: the user, token, deployment, blob or path does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrExists: a user or token with that key already exists.
	ErrExists = errors.New("store: already exists")
	// ErrConflict: DeployRequest.ExpectVersion did not match the live version.
	ErrConflict = errors.New("store: version conflict")
	// ErrClosed: the store has been closed.
	ErrClosed = errors.New("store: closed")
	// ErrInvalid: an argument is malformed (bad name, path, role, hash, ...).
	ErrInvalid = errors.New("store: invalid argument")
	// ErrQuota (quota.go): a per-user limit would be passed.
)

// Role is a user's role.
type Role string

// Roles.
const (
	RoleAdmin Role = "admin"
	RoleUser  Role = "user"
)

// Deployment sources (Deployment.Via).
const (
	ViaAPI      = "api"
	ViaPush     = "push"
	ViaConsole  = "console"
	ViaUpload   = "upload"
	ViaRollback = "rollback"
)

// Log record kinds (LogRecord.Kind).
const (
	LogConsole    = "console"
	LogInvocation = "invocation"
	LogSystem     = "system"
)

// User is an account. Name is 1–64 characters of [A-Za-z0-9._-] starting
// with a letter or digit.
type User struct {
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	PasswordHash []byte    `json:"passwordHash,omitempty"`
	CreatedAt    time.Time `json:"createdAt"`
}

// Token kinds (Token.Kind): how a token came to be.
const (
	TokenLogin     = "login"       // POST /api/v1/login (the CLI, scripts)
	TokenSession   = "session"     // a console session (cookie)
	TokenCreated   = "created"     // issued with a new user
	TokenAdmin     = "admin-token" // the server's --admin-token
	TokenBootstrap = "bootstrap"   // printed at the first start
	TokenPassword  = "password"    // issued by a password change
	TokenLegacy    = "legacy"      // stored before tokens had records
)

// Token is an API token's record. The secret itself is never stored: only
// its sha256 (Hash).
type Token struct {
	// Hash is the sha256 hex of the secret (the key; not in listings).
	Hash string `json:"-"`
	// ID is Hash's first TokenIDLen hex digits: it names the token in
	// listings and revocations.
	ID   string `json:"id"`
	User string `json:"user"`
	// Name is a label for people ("tarsus CLI", "console session").
	Name string `json:"name,omitempty"`
	// Kind is one of the Token* kinds.
	Kind      string    `json:"kind,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	// LastUsedAt is when the token last authenticated a request, to the
	// precision the caller touches it with; zero if never recorded.
	LastUsedAt time.Time `json:"lastUsedAt"`
	// ExpiresAt is when the token stops working; zero: never.
	ExpiresAt time.Time `json:"expiresAt"`
}

// Sizes of one file in bytes.
type Sizes struct {
	Source int `json:"source"`
	Bundle int `json:"bundle"`
	// Stored is the compressed size of source + bundle + map as stored.
	Stored int `json:"stored"`
}

// FileMeta describes one file of a tree.
type FileMeta struct {
	Path string `json:"path"` // e.g. "orders/create.ts"
	// Version is the user's tree version at which this file last changed.
	Version    int64     `json:"version"`
	UpdatedAt  time.Time `json:"updatedAt"`
	SourceHash string    `json:"sourceHash"`           // sha256 hex of the source
	BundleHash string    `json:"bundleHash,omitempty"` // empty for shared modules (no bundle)
	MapHash    string    `json:"mapHash,omitempty"`
	Sizes      Sizes     `json:"sizes"`
	// Deps are the files a route's bundle was built from, as the caller
	// names them (the platform: paths of this tree, the route itself
	// included), sorted. Nil when unknown: shared modules, bundles built
	// elsewhere, and trees written before deps were recorded.
	Deps []string `json:"deps,omitempty"`
	// Limits are a route's own limits, read from its options when it was
	// compiled at deploy, so that loading it back needs no runtime. Nil for
	// shared modules and for routes stored before limits were recorded.
	Limits *RouteLimits `json:"limits,omitempty"`
}

// RouteLimits are the limits a route's options set (Fastify's bodyLimit,
// Tarsus's config.timeout). Zero means the server's default.
type RouteLimits struct {
	Timeout   time.Duration `json:"timeoutNs,omitempty"`
	BodyLimit int           `json:"bodyLimit,omitempty"`
	// Access is the route's access options (method, schedule, cors, auth,
	// jwt, rateLimit) as JSON, opaque to the store.
	Access string `json:"access,omitempty"`
}

// Tree is the set of a user's live files at one version.
type Tree struct {
	User      string              `json:"user"`
	Version   int64               `json:"version"`
	UpdatedAt time.Time           `json:"updatedAt"`
	Files     map[string]FileMeta `json:"files"`
}

// Change lists the paths a deployment added, changed and removed, each
// sorted. Unchanged files are not listed.
type Change struct {
	Added   []string `json:"added"`
	Changed []string `json:"changed"`
	Removed []string `json:"removed"`
}

// Deployment records one change of a user's tree.
type Deployment struct {
	// ID is the version as 12 zero-padded digits: ids sort oldest first.
	ID         string              `json:"id"`
	User       string              `json:"user"`
	Version    int64               `json:"version"`
	CreatedAt  time.Time           `json:"createdAt"`
	By         string              `json:"by"`  // name of the user who deployed
	Via        string              `json:"via"` // ViaAPI, ViaPush, ViaConsole, ViaUpload or ViaRollback
	Files      Change              `json:"files"`
	RollbackOf string              `json:"rollbackOf,omitempty"`
	Tree       map[string]FileMeta `json:"tree"` // nil in Deployments listings
}

// FileContent is one file a deploy writes. Only Meta.Path and Meta.Deps are
// read from Meta: hashes, sizes, Version and UpdatedAt are computed by the
// store. A file whose content is unchanged keeps its meta, except that a
// non-nil Meta.Deps replaces its deps.
type FileContent struct {
	Meta                FileMeta
	Source, Bundle, Map []byte
}

// DeployRequest changes a user's tree: new tree = live tree + Put − Delete.
type DeployRequest struct {
	User string
	By   string // who deploys; required
	Via  string // ViaAPI, ViaPush, ViaConsole or ViaUpload
	Put  []FileContent
	// Delete lists paths to remove; each must be in the live tree.
	Delete []string
	// ExpectVersion, when >= 0, must equal the live version or Deploy fails
	// with ErrConflict. Use -1 to skip the check (0 means "never deployed").
	ExpectVersion int64
}

// LogRecord is one log line of a user's function.
type LogRecord struct {
	Time       time.Time `json:"time"`
	Seq        uint64    `json:"seq"`
	Kind       string    `json:"kind"` // LogConsole, LogInvocation or LogSystem
	Level      string    `json:"level,omitempty"`
	Fn         string    `json:"fn,omitempty"`
	Msg        string    `json:"msg,omitempty"`
	ReqID      string    `json:"reqId,omitempty"`
	Status     int       `json:"status,omitempty"`
	DurationMs float64   `json:"durationMs,omitempty"`
	ReqBytes   int       `json:"reqBytes,omitempty"`
	RespBytes  int       `json:"respBytes,omitempty"`
	Cold       bool      `json:"cold,omitempty"`
	// Fetches are the outgoing requests an invocation made (each redirect
	// hop is one), at most 64 of them.
	Fetches []FetchLog `json:"fetches,omitempty"`
	// Trigger is what started an invocation when it was not an HTTP
	// call: "cron" for a scheduled run.
	Trigger string `json:"trigger,omitempty"`
}

// FetchLog is one outgoing request in an invocation's record.
type FetchLog struct {
	Method     string  `json:"method"`
	Host       string  `json:"host"`
	Status     int     `json:"status,omitempty"` // 0: no response
	DurationMs float64 `json:"durationMs"`
	Bytes      int64   `json:"bytes,omitempty"` // response body bytes read
	Err        string  `json:"err,omitempty"`   // the failure's code
}

// LogQuery filters Logs. Zero fields do not filter.
type LogQuery struct {
	Fn       string    // exact function path
	Since    time.Time // records with Time >= Since
	AfterSeq uint64    // records with Seq > AfterSeq
	Limit    int       // newest Limit matches; default 200, max Config.MaxLogsPerUser
}

// Store is Tarsus's persistent store. Implementations are safe for
// concurrent use. Every method of a closed store returns ErrClosed.
type Store interface {
	// CreateUser stores a new user; CreatedAt is set when zero.
	// ErrExists if the name is taken, ErrInvalid for a bad name or role.
	CreateUser(ctx context.Context, u User) error
	// GetUser returns a user or ErrNotFound.
	GetUser(ctx context.Context, name string) (User, error)
	// ListUsers returns every user sorted by name.
	ListUsers(ctx context.Context) ([]User, error)
	// DeleteUser removes the user and everything of theirs: tokens, tree,
	// blobs, deployments and logs. ErrNotFound if there is no such user.
	DeleteUser(ctx context.Context, name string) error
	// PutToken stores a token: tokenHash (sha256 hex of a bearer token,
	// hashed by the caller) becomes t.User's, with t's name, kind, creation
	// time (now when zero) and expiry. Putting a hash its user already holds
	// replaces the record but keeps its creation and last-use times.
	// ErrNotFound if the user does not exist, ErrExists if the hash belongs
	// to another user.
	PutToken(ctx context.Context, tokenHash string, t Token) error
	// LookupToken returns a token's record and its user, or ErrNotFound.
	// It does not judge expiry: that is the caller's.
	LookupToken(ctx context.Context, tokenHash string) (Token, User, error)
	// UserByToken returns the token's user or ErrNotFound.
	UserByToken(ctx context.Context, tokenHash string) (User, error)
	// Tokens lists a user's tokens, oldest first; ErrNotFound if there is
	// no such user.
	Tokens(ctx context.Context, user string) ([]Token, error)
	// DeleteToken revokes the user's token whose ID is id; ErrNotFound if
	// the user holds none.
	DeleteToken(ctx context.Context, user, id string) error
	// TouchToken records that the token was used at at (a token revoked
	// meanwhile stays revoked). Callers bound how often they call it.
	TouchToken(ctx context.Context, tokenHash string, at time.Time) error
	// DeleteTokens removes all of a user's tokens.
	DeleteTokens(ctx context.Context, user string) error
	// SetPassword replaces the user's password hash and then revokes every
	// token of theirs but the admin token (kind TokenAdmin, which the
	// server's configuration owns). ErrNotFound if there is no such user.
	SetPassword(ctx context.Context, user string, passwordHash []byte) error

	// Tree returns the live tree: an empty tree (Version 0, empty Files) if
	// the user never deployed, ErrNotFound if the user does not exist.
	Tree(ctx context.Context, user string) (Tree, error)
	// Deploy atomically applies req and records a new deployment. Deleting a
	// path not in the tree is ErrNotFound; a failed deploy changes nothing
	// visible.
	Deploy(ctx context.Context, req DeployRequest) (Tree, Deployment, error)
	// Blob returns stored content by its sha256 hex, decompressed.
	Blob(ctx context.Context, user, hash string) ([]byte, error)
	// Deployments lists the kept deployments newest first, without trees.
	Deployments(ctx context.Context, user string) ([]Deployment, error)
	// Deployment returns one deployment with its tree.
	Deployment(ctx context.Context, user, id string) (Deployment, error)
	// Rollback makes deployment id's tree live again as a new deployment
	// (Via "rollback", RollbackOf id).
	Rollback(ctx context.Context, user, id, by string) (Tree, Deployment, error)

	// AppendLogs stores one batch of records, assigning Seq (monotonic per
	// user, across restarts) and Time when zero. Records expire after
	// Config.LogRetention.
	AppendLogs(ctx context.Context, user string, recs []LogRecord) error
	// Logs returns the newest q.Limit records matching q, oldest first.
	Logs(ctx context.Context, user string, q LogQuery) ([]LogRecord, error)

	// StoredBytes is what the user's kept deployments take in the store
	// (compressed, each blob once); Config.MaxStoredBytes caps it.
	StoredBytes(ctx context.Context, user string) (int64, error)

	// User data (data.go): environment variables and the KV store.

	// PutEnv sets one environment variable of the user (the store keeps
	// Value as given: secrets arrive encrypted). A new name past
	// Config.MaxEnvVars is a *LimitError. ErrInvalid for a bad name.
	PutEnv(ctx context.Context, user string, v EnvVar) error
	// Env lists the user's variables sorted by name.
	Env(ctx context.Context, user string) ([]EnvVar, error)
	// DeleteEnv removes one variable; ErrNotFound if it is not set.
	DeleteEnv(ctx context.Context, user, name string) error
	// SecretKeyCheck returns the check value that SetSecretKeyCheck
	// stored (ErrNotFound before), by which the caller tells whether its
	// key is the one secrets were encrypted with.
	SecretKeyCheck(ctx context.Context) ([]byte, error)
	// SetSecretKeyCheck stores the check value once; ErrExists after.
	SetSecretKeyCheck(ctx context.Context, check []byte) error
	// KVGet returns a live (not expired) key with its value, or
	// ErrNotFound.
	KVGet(ctx context.Context, user, key string) (KVEntry, error)
	// KVPut writes a key unless w's version check fails (written false:
	// the entry is then the current one, Version 0 when there is none).
	// Past Config.MaxKVKeys or MaxKVBytes it is a *LimitError.
	KVPut(ctx context.Context, user string, w KVWrite) (e KVEntry, written bool, err error)
	// KVDelete deletes a key; a missing key is not an error.
	KVDelete(ctx context.Context, user, key string) error
	// KVList lists live keys in byte order, a page at a time.
	KVList(ctx context.Context, user string, q KVListQuery) (KVPage, error)
	// KVUsage is what the user's KV store holds against its limits.
	KVUsage(ctx context.Context, user string) (KVUsage, error)
	// Invocation keys (keys.go). PutKey stores k under k.Hash (sha256 hex
	// of the secret); ErrNotFound if the user does not exist, ErrExists if
	// they hold that hash already. Key returns user's key with that hash or
	// ErrNotFound. Keys lists them, oldest first. DeleteKey removes the one
	// whose ID is id, or fails with ErrNotFound.
	PutKey(ctx context.Context, k Key) error
	Key(ctx context.Context, user, hash string) (Key, error)
	Keys(ctx context.Context, user string) ([]Key, error)
	DeleteKey(ctx context.Context, user, id string) error

	// Close releases the store. It waits for calls in progress.
	Close() error
}

// Config configures Open. Zero values take the defaults below.
type Config struct {
	// Dir is the database directory, created if missing.
	// Required unless InMemory.
	Dir string
	// InMemory keeps everything in memory and ignores Dir (for tests and
	// throwaway servers; value-log GC is not run).
	// Optional. Default: false.
	InMemory bool
	// KeepDeployments is how many deployments per user are kept; older ones
	// and the blobs only they referenced are deleted.
	// Optional. Default: 50.
	KeepDeployments int
	// LogRetention is how long log records live (Badger TTL, whole seconds).
	// Optional. Default: 72h.
	LogRetention time.Duration
	// MaxLogsPerUser bounds Logs: only a user's newest MaxLogsPerUser
	// records are visible and LogQuery.Limit is capped to it.
	// Optional. Default: 10000.
	MaxLogsPerUser int
	// MaxStoredBytes caps what each user's kept deployments take in the
	// store (sources, bundles and maps, compressed, each blob once; see
	// quota.go): a deploy that would pass it drops the oldest deployments
	// first, then fails with a *QuotaError.
	// Optional. Default: 256 MiB. Negative: no cap.
	MaxStoredBytes int64
	// MaxEnvVars caps each user's environment variables and secrets.
	// Optional. Default: 100. Negative: no cap.
	MaxEnvVars int
	// MaxKVKeys caps the keys of each user's KV store (expired keys count
	// until swept; a write that hits the cap sweeps first).
	// Optional. Default: 100000. Negative: no cap.
	MaxKVKeys int64
	// MaxKVBytes caps the bytes (keys + values) of each user's KV store.
	// Optional. Default: 256 MiB. Negative: no cap.
	MaxKVBytes int64
	// SyncWrites fsyncs every write. When false, the store still syncs once
	// after each deploy and rollback.
	// Optional. Default: false.
	SyncWrites bool
}

// Defaults.
const (
	DefaultKeepDeployments = 50
	DefaultLogRetention    = 72 * time.Hour
	DefaultMaxLogsPerUser  = 10000
	DefaultLogLimit        = 200
)

// withDefaults returns cfg with every unset field defaulted. It is the one
// place defaults are filled in.
func (cfg Config) withDefaults() Config {
	if cfg.KeepDeployments <= 0 {
		cfg.KeepDeployments = DefaultKeepDeployments
	}
	if cfg.LogRetention <= 0 {
		cfg.LogRetention = DefaultLogRetention
	}
	if cfg.MaxLogsPerUser <= 0 {
		cfg.MaxLogsPerUser = DefaultMaxLogsPerUser
	}
	if cfg.MaxStoredBytes == 0 {
		cfg.MaxStoredBytes = DefaultMaxStoredBytes
	}
	if cfg.MaxEnvVars == 0 {
		cfg.MaxEnvVars = DefaultMaxEnvVars
	}
	if cfg.MaxKVKeys == 0 {
		cfg.MaxKVKeys = DefaultMaxKVKeys
	}
	if cfg.MaxKVBytes == 0 {
		cfg.MaxKVBytes = DefaultMaxKVBytes
	}
	return cfg
}
