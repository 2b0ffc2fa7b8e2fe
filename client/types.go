package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// User is an account.
type User struct {
	Name      string `json:"name"`
	Role      string `json:"role"` // "admin" or "user"
	CreatedAt string `json:"createdAt,omitempty"`
}

// Login is the answer to a successful login.
type Login struct {
	Token string `json:"token"`
	// ID names the token in Tokens and RevokeToken.
	ID   string `json:"id,omitempty"`
	User User   `json:"user"`
	// ExpiresAt is when the token stops working (RFC 3339); empty: never.
	ExpiresAt string `json:"expiresAt,omitempty"`
}

// LoginOptions describe the token a login asks for.
type LoginOptions struct {
	// Label names the token in listings. Optional. Default: the server's
	// ("login").
	Label string
	// ExpiresIn is the token's lifetime (at least a second). Optional.
	// Default: the token does not expire.
	ExpiresIn time.Duration
}

// Token is an API token as listed: never its secret.
type Token struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Kind       string `json:"kind"` // login, session, created, admin-token, bootstrap, password, legacy
	CreatedAt  string `json:"createdAt,omitempty"`
	LastUsedAt string `json:"lastUsedAt,omitempty"`
	ExpiresAt  string `json:"expiresAt,omitempty"`
	// Current marks the token the listing was asked with.
	Current bool `json:"current,omitempty"`
}

// NewToken is a token issued by a password change (shown once).
type NewToken struct {
	Token string `json:"token"`
	ID    string `json:"id"`
}

// NewUser is a created account with its API token (shown once).
type NewUser struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	Token     string `json:"token"`
	CreatedAt string `json:"createdAt,omitempty"`
}

// Sizes of one stored file in bytes.
type Sizes struct {
	Source int `json:"source"`
	Bundle int `json:"bundle"`
	// Stored is the compressed size of source, bundle and map as stored.
	Stored int `json:"stored"`
}

// Function describes one stored file of a user.
type Function struct {
	Path      string    `json:"path"`
	Route     string    `json:"route,omitempty"` // empty unless Kind is "route"
	Kind      string    `json:"kind"`            // "route", "shared" or "ignored"
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updatedAt"`
	Sizes     Sizes     `json:"sizes"`
	SHA256    string    `json:"sha256"` // of the source
	// Source is set by GetFunction only.
	Source *string `json:"source,omitempty"`
}

// FileResult is what a deploy did to one file.
type FileResult struct {
	Path    string  `json:"path"`
	Route   string  `json:"route,omitempty"`
	Status  string  `json:"status"` // "added", "changed", "unchanged" or "removed"
	Sizes   Sizes   `json:"sizes"`
	BuildMs float64 `json:"buildMs"`
}

// DeployResult is the answer to a deploy, a deletion or a rollback.
type DeployResult struct {
	Version    int64        `json:"version"`
	Deployment string       `json:"deployment"`
	BuildMs    float64      `json:"buildMs"`
	Files      []FileResult `json:"files"`
}

// PutResult is the answer to PutFunction.
type PutResult struct {
	Path       string  `json:"path"`
	Route      string  `json:"route,omitempty"`
	Version    int64   `json:"version"`
	Deployment string  `json:"deployment"`
	Status     string  `json:"status"`
	Sizes      Sizes   `json:"sizes"`
	BuildMs    float64 `json:"buildMs"`
}

// ManifestEntry is what the server says about one live file.
type ManifestEntry struct {
	// Source is the sha256 (hex) of the file's source.
	Source string `json:"source"`
	// Bundle is the sha256 (hex) of its bundle, when the server reports it
	// (a manifest whose values are plain source hashes does not).
	Bundle string `json:"bundle,omitempty"`
}

// UnmarshalJSON accepts both forms a manifest value may take: a plain
// source hash ("ab12…") or an object {"source": …, "bundle": …}.
func (m *ManifestEntry) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*m = ManifestEntry{}
		return json.Unmarshal(b, &m.Source)
	}
	type plain ManifestEntry
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("manifest entry: %w", err)
	}
	*m = ManifestEntry(p)
	return nil
}

// Manifest maps each live path of a user's tree to its hashes.
type Manifest map[string]ManifestEntry

// Change lists the paths a deployment added, changed and removed.
type Change struct {
	Added   []string `json:"added"`
	Changed []string `json:"changed"`
	Removed []string `json:"removed"`
}

// Deployment is one recorded change of a user's tree.
type Deployment struct {
	ID         string    `json:"id"`
	Version    int64     `json:"version"`
	CreatedAt  time.Time `json:"createdAt"`
	By         string    `json:"by"`
	Via        string    `json:"via"` // "api", "push", "console", "upload" or "rollback"
	Files      Change    `json:"files"`
	RollbackOf string    `json:"rollbackOf,omitempty"`
}

// LogRecord is one log line of a user's functions.
type LogRecord struct {
	Time       time.Time `json:"time"`
	Seq        uint64    `json:"seq"`
	Kind       string    `json:"kind"` // "console", "invocation" or "system"
	Level      string    `json:"level,omitempty"`
	Fn         string    `json:"fn,omitempty"`
	Msg        string    `json:"msg,omitempty"`
	ReqID      string    `json:"reqId,omitempty"`
	Status     int       `json:"status,omitempty"`
	DurationMs float64   `json:"durationMs,omitempty"`
	ReqBytes   int       `json:"reqBytes,omitempty"`
	RespBytes  int       `json:"respBytes,omitempty"`
	Cold       bool      `json:"cold,omitempty"`
}

// LogQuery filters Logs and FollowLogs. Zero fields do not filter.
type LogQuery struct {
	Fn    string // function path, e.g. "orders/create.ts"
	Since string // a duration ("5m"), an RFC 3339 time or Unix milliseconds
	Limit int    // newest Limit records; the server's default when 0
}

// FunctionStats are the counters of one route.
type FunctionStats struct {
	Route       string    `json:"route"`
	Invocations int64     `json:"invocations"`
	Errors      int64     `json:"errors"`
	ColdStarts  int64     `json:"coldStarts"`
	P50Ms       float64   `json:"p50Ms"`
	P99Ms       float64   `json:"p99Ms"`
	LastCall    time.Time `json:"lastCall"`
}

// Stats are a user's counters since the server started.
type Stats struct {
	User         string          `json:"user"`
	WarmRuntimes int             `json:"warmRuntimes"`
	BusyRuntimes int             `json:"busyRuntimes"`
	Invocations  int64           `json:"invocations"`
	Errors       int64           `json:"errors"`
	ColdStarts   int64           `json:"coldStarts"`
	Functions    []FunctionStats `json:"functions"`
}
