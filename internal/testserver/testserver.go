// Package testserver starts a real Tarsus server for tests: a real Badger
// store in a temp folder, the real platform and HTTP API on 127.0.0.1:0.
// Tests in api, conformance, cmd/tarsus and console-ui share it.
package testserver

import (
	"context"
	"io/fs"
	"log/slog"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/tarsus/tarsus/api"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/platform"
	"github.com/tarsus/tarsus/store"
)

// DefaultAdminToken is the admin's token unless Options.AdminToken is set.
const DefaultAdminToken = "tsk_test_admin_token"

// Options configure a test server. The zero value is fine.
type Options struct {
	Dir         string // data folder; default t.TempDir()
	AdminToken  string
	Timeout     time.Duration
	IdleTimeout time.Duration
	MaxRuntimes int
	MemoryLimit int64
	// MaxResponseBytes caps a function's response body (engine.Config).
	MaxResponseBytes int
	Console          fs.FS
	Version          string // reported by /healthz
	// Quotas (0: the defaults of store.Config and platform.Config).
	MaxStoredBytes    int64
	MaxBuildBytes     int64
	MaxLogBytesPerDay int64
	MaxLogFollowers   int
	// MetricsToken may read /metrics besides admin tokens (api.Config).
	MetricsToken string
	// User data limits (store.Config; 0: the defaults).
	MaxEnvVars int
	MaxKVKeys  int64
	MaxKVBytes int64
	// SecretKey seals secrets (platform.Config); default: the one kept in
	// Dir/secret.key (made on the first start), as tarsus serve does.
	SecretKey []byte
	// Logger receives the server's log (platform, engine, store and api);
	// default: none.
	Logger *slog.Logger
	// RateLimit is the server-wide default rate per user (platform.Config).
	RateLimit platform.RateLimit

	// HTTP edge (api.Config); zero values take api's defaults.
	MaxConnsPerIP  int // negative turns the cap off
	MaxHeaderBytes int
	ReadTimeout    time.Duration
	UploadTimeout  time.Duration
	WriteTimeout   time.Duration
	FunctionsHost  string
	// ClientIPHeader names the header with the client's address (as
	// --client-ip-header: login throttling and rate limits by address).
	ClientIPHeader string

	// Outgoing fetch (platform.Config, engine.Config); zero values take
	// their defaults. FetchAllow "127.0.0.1" lets functions reach servers
	// a test starts on loopback.
	FetchAllow    []string
	FetchMaxBytes int64
	FetchTimeout  time.Duration
	MaxFetches    int
}

// Server is a running test server.
type Server struct {
	URL        string // http://127.0.0.1:port
	Addr       string
	Dir        string
	AdminToken string
	Platform   *platform.Platform

	st   *store.Badger
	srv  *api.Server
	done chan error
}

// Start starts a server and stops it when the test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	if o.AdminToken == "" {
		o.AdminToken = DefaultAdminToken
	}
	st, err := store.Open(store.Config{Dir: filepath.Join(o.Dir, "badger"), MaxStoredBytes: o.MaxStoredBytes,
		MaxEnvVars: o.MaxEnvVars, MaxKVKeys: o.MaxKVKeys, MaxKVBytes: o.MaxKVBytes}, o.Logger)
	if err != nil {
		t.Fatal(err)
	}
	if o.SecretKey == nil {
		if o.SecretKey, _, err = platform.SecretKeyFile(filepath.Join(o.Dir, "secret.key")); err != nil {
			t.Fatal(err)
		}
	}
	p, err := platform.New(platform.Config{Engine: engine.Config{Timeout: o.Timeout, IdleTimeout: o.IdleTimeout, MaxRuntimes: o.MaxRuntimes, MemoryLimit: o.MemoryLimit, MaxResponseBytes: o.MaxResponseBytes, Logger: o.Logger,
		FetchTimeout: o.FetchTimeout, MaxFetches: o.MaxFetches},
		MaxBuildBytes: o.MaxBuildBytes, MaxLogBytesPerDay: o.MaxLogBytesPerDay, MaxLogFollowers: o.MaxLogFollowers, RateLimit: o.RateLimit,
		FetchAllow: o.FetchAllow, FetchMaxBytes: o.FetchMaxBytes,
		SecretKey: o.SecretKey, Logger: o.Logger}, st)
	if err != nil {
		_ = st.Close()
		t.Fatal(err)
	}
	if _, err := p.Bootstrap(context.Background(), o.AdminToken); err != nil {
		t.Fatal(err)
	}
	srv := api.New(api.Config{
		Console: o.Console, Version: o.Version, MetricsToken: o.MetricsToken,
		MaxConnsPerIP: o.MaxConnsPerIP, MaxHeaderBytes: o.MaxHeaderBytes,
		ReadTimeout: o.ReadTimeout, UploadTimeout: o.UploadTimeout, WriteTimeout: o.WriteTimeout, FunctionsHost: o.FunctionsHost,
		Logins: api.LoginLimits{AddrHeader: o.ClientIPHeader},
		Logger: o.Logger,
	}, p)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{
		URL: "http://" + ln.Addr().String(), Addr: ln.Addr().String(), Dir: o.Dir, AdminToken: o.AdminToken,
		Platform: p, st: st, srv: srv, done: make(chan error, 1),
	}
	go func() { s.done <- srv.Listen(ln) }()
	t.Cleanup(s.Stop)
	return s
}

// Stop shuts the server down and closes its store; the data folder stays,
// so a test can Start again on it.
func (s *Server) Stop() {
	if s.srv == nil {
		return
	}
	_ = s.srv.Shutdown(5 * time.Second)
	<-s.done
	s.Platform.Close()
	_ = s.st.Close()
	s.srv = nil
}
