package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/access"
	"github.com/tarsus/tarsus/api"
	consoleui "github.com/tarsus/tarsus/console-ui"
	"github.com/tarsus/tarsus/egress"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/platform"
	"github.com/tarsus/tarsus/store"
)

// serveConfig is everything `tarsus serve` takes from flags and environment.
type serveConfig struct {
	Addr        string
	Data        string
	AdminToken  string
	Timeout     time.Duration
	IdleTimeout time.Duration
	MaxRuntimes int
	LogLevel    string
	KeepDeploys int
	MemoryLimit int64
	NiceAfter   time.Duration
	DebugAddr   string
	// Per-user quotas; 0 turns one off.
	MaxStoredBytes    int64
	MaxBuildBytes     int64
	MaxLogBytesPerDay int64
	MaxLogFollowers   int
	// Access
	MetricsAddr    string
	MetricsToken   string
	ClientIPHeader string
	// RateLimit is the default rate of calls per user (--rate-limit).
	RateLimit platform.RateLimit
	// HTTP edge
	FnHost     string
	ConnsPerIP int
	// Outgoing fetch
	FetchAllow       []string
	FetchMaxBytes    int64
	FetchTimeout     time.Duration
	FetchMaxRequests int
	// User data: env vars, secrets and KV
	SecretKey        string
	MaxEnvVars       int
	MaxEnvValueBytes int64
	MaxKVKeys        int
	MaxKVBytes       int64
}

func newServeCmd(e *env) *cobra.Command {
	var cfg serveConfig
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the Tarsus server (API, functions and console)",
		Long: `Run the Tarsus server: the management API under /api/v1, functions at
POST /<user>/<path>, the console at /console/, /healthz and /metrics.

Every flag can also be set with the environment variable named in its help;
a flag given on the command line wins over the environment. A value that
does not parse or is out of range stops the start with a message saying
what to write. Sizes take a plain number of bytes or a unit: 128MiB, 2GiB.

On the first start of an empty data folder without an admin token, the
server creates the "admin" account and prints its password and API token once.`,
		Args: cobra.NoArgs,
	}
	o := serveOptions(cmd, e, &cfg)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := o.check(); err != nil {
			return err
		}
		return runServe(cmd.Context(), cfg, e.stdout, nil)
	}
	return cmd
}

// serveOptions declares the flags of `tarsus serve`, each with its
// environment variable, default and range; check() fills cfg.
func serveOptions(cmd *cobra.Command, e *env, cfg *serveConfig) *options {
	o := newOptions(cmd, e)
	o.str(&cfg.Addr, "addr", "TARSUS_ADDR", ":3401", listenAddr(false), "listen address")
	o.str(&cfg.Data, "data", "TARSUS_DATA", "./tarsus-data", nonEmpty("a folder path, e.g. ./tarsus-data"), "data folder for the Badger store")
	o.str(&cfg.AdminToken, "admin-token", "TARSUS_ADMIN_TOKEN", "", nil, "API token of the admin account")
	o.duration(&cfg.Timeout, "timeout", "TARSUS_TIMEOUT", 10*time.Second, atLeast(time.Millisecond), "deadline of one invocation")
	o.duration(&cfg.IdleTimeout, "idle-timeout", "TARSUS_IDLE_TIMEOUT", 5*time.Minute, atLeast(time.Millisecond), "drop a runtime idle this long")
	o.integer(&cfg.MaxRuntimes, "max-runtimes", "TARSUS_MAX_RUNTIMES", 4, 1, 1024, "runtimes per user at most")
	o.integer(&cfg.KeepDeploys, "keep-deployments", "TARSUS_KEEP_DEPLOYMENTS", 50, 1, 100000, "deployments kept per user for rollback")
	o.size(&cfg.MemoryLimit, "memory-limit", "TARSUS_MEMORY_LIMIT", 2<<30, 0, 1<<50, "Go heap size above which the function that grew the heap most is stopped (idle runtimes holding the most are dropped first when nothing running grew); the Go soft memory limit is set 25% above it; 0 turns the watchdog off")
	o.duration(&cfg.NiceAfter, "nice-after", "TARSUS_NICE_AFTER", 5*time.Millisecond, atLeast(0), "lower the thread priority of an invocation that keeps a CPU busy this long; 0 turns CPU fairness off")
	o.str(&cfg.DebugAddr, "debug-addr", "TARSUS_DEBUG_ADDR", "", listenAddr(true), "serve Go's pprof profiles on this address, e.g. 127.0.0.1:6060")
	o.size(&cfg.MaxStoredBytes, "max-stored-bytes", "TARSUS_MAX_STORED_BYTES", store.DefaultMaxStoredBytes, 0, 1<<50, "per user: sources, bundles and maps of the kept deployments (compressed); past it the oldest deployments are dropped, then deploys fail with 507; 0 turns the cap off")
	o.size(&cfg.MaxBuildBytes, "max-build-bytes", "TARSUS_MAX_BUILD_BYTES", 64<<20, 0, 1<<50, "bundles and source maps one deploy may build (413 past it); 0 turns the cap off")
	o.size(&cfg.MaxLogBytesPerDay, "max-log-bytes-per-day", "TARSUS_MAX_LOG_BYTES_PER_DAY", 64<<20, 0, 1<<50, "console output per user per UTC day; past it the user's console lines are dropped until the day ends; 0 turns the cap off")
	o.integer(&cfg.MaxLogFollowers, "max-log-followers", "TARSUS_MAX_LOG_FOLLOWERS", 8, 0, 10000, "live log streams per user (429 past it); 0 turns the cap off")
	o.str(&cfg.MetricsAddr, "metrics-addr", "TARSUS_METRICS_ADDR", "", listenAddr(true), "serve /metrics on this address only, without a token, e.g. 127.0.0.1:9464")
	o.str(&cfg.MetricsToken, "metrics-token", "TARSUS_METRICS_TOKEN", "", nil, "a bearer token that may read /metrics besides admin tokens")
	o.str(&cfg.ClientIPHeader, "client-ip-header", "TARSUS_CLIENT_IP_HEADER", "", nil, "behind a reverse proxy: the header with the client's address that login throttling and rate limits by address use, e.g. X-Forwarded-For")
	o.integer(&cfg.ConnsPerIP, "max-conns-per-ip", "TARSUS_MAX_CONNS_PER_IP", 1024, 0, 1<<20, "open connections one client address may hold; 0 turns the cap off, e.g. behind a reverse proxy")
	o.str(&cfg.FnHost, "functions-host", "TARSUS_FUNCTIONS_HOST", "", nil, "a host name for functions: invocations there are served without the sandbox CSP, and the console and API are not served there")
	o.add("fetch-allow", "TARSUS_FETCH_ALLOW", "list", "", "addresses functions' fetch may reach although the egress guard refuses them (loopback, private, link-local, this server's own): comma-separated CIDRs, IPs and host names, e.g. 127.0.0.1,10.0.0.0/8,api.internal", func(s string) error {
		list, err := egress.ParseAllow(s)
		if err != nil {
			return err
		}
		cfg.FetchAllow = list
		return nil
	})
	o.size(&cfg.FetchMaxBytes, "fetch-max-bytes", "TARSUS_FETCH_MAX_BYTES", egress.DefaultMaxBytes, 1, 1<<40, "largest response body one fetch may read (decompressed)")
	o.duration(&cfg.FetchTimeout, "fetch-timeout", "TARSUS_FETCH_TIMEOUT", 30*time.Second, atLeast(time.Millisecond), "deadline of one fetch request, its body included (never past the invocation's deadline)")
	o.integer(&cfg.FetchMaxRequests, "fetch-max-requests", "TARSUS_FETCH_MAX_REQUESTS", 50, 1, 10000, "fetch requests one invocation may make (each redirect counts)")
	o.str(&cfg.SecretKey, "secret-key", "TARSUS_SECRET_KEY", "", nil, "key that encrypts secrets: 64 hex digits or base64 of 32 bytes (openssl rand -hex 32); unset: the key in <data>/secret.key, made on the first start (back it up)")
	o.integer(&cfg.MaxEnvVars, "max-env-vars", "TARSUS_MAX_ENV_VARS", store.DefaultMaxEnvVars, 1, 10000, "environment variables and secrets per user")
	o.size(&cfg.MaxEnvValueBytes, "max-env-value-bytes", "TARSUS_MAX_ENV_VALUE_BYTES", platform.DefaultMaxEnvValueBytes, 1, 48<<10, "size of one environment variable or secret")
	o.integer(&cfg.MaxKVKeys, "kv-max-keys", "TARSUS_KV_MAX_KEYS", store.DefaultMaxKVKeys, 0, 1<<40, "KV keys per user (507 TARSUS_KV_QUOTA past it); 0 turns the cap off")
	o.size(&cfg.MaxKVBytes, "kv-max-bytes", "TARSUS_KV_MAX_BYTES", store.DefaultMaxKVBytes, 0, 1<<50, "KV keys and values per user (507 TARSUS_KV_QUOTA past it); 0 turns the cap off")
	o.add("rate-limit", "TARSUS_RATE_LIMIT", "rate", "", "default rate of calls per user for routes without opts.config.rateLimit, e.g. 100/s or 100/s:200 (a burst of 200); each node of a cluster limits on its own; empty: none", func(v string) error {
		if v == "" {
			cfg.RateLimit = platform.RateLimit{}
			return nil
		}
		max, window, burst, err := access.ParseRate(v)
		cfg.RateLimit = platform.RateLimit{Max: max, Window: window, Burst: burst}
		return err
	})
	o.str(&cfg.LogLevel, "log-level", "TARSUS_LOG_LEVEL", "info", oneOf("debug", "info", "warn", "error"), "debug, info, warn or error")
	return o
}

// memoryLimit maps the flag to engine.Config.MemoryLimit, where 0 means the
// default and a negative value turns the watchdog off.
func memoryLimit(n int64) int64 { return orOff(n) }

// orOff maps a limit flag, where 0 turns the limit off, to a Config field,
// where 0 means the default and a negative value turns it off.
func orOff(n int64) int64 {
	if n <= 0 {
		return -1
	}
	return n
}

// niceAfter maps the flag to engine.Config.NiceAfter, where 0 means the
// default and a negative value turns the mechanism off.
func niceAfter(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}

// runServe runs a server until ctx ends. ready, if set, is called with the
// bound address once the server accepts connections.
func runServe(ctx context.Context, cfg serveConfig, out io.Writer, ready func(addr string)) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		return fmt.Errorf("--log-level %q: use debug, info, warn or error", cfg.LogLevel)
	}
	log := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: level}))
	key, err := loadSecretKey(cfg, log)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Data, 0o700); err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	st, err := store.Open(store.Config{Dir: filepath.Join(cfg.Data, "badger"), KeepDeployments: cfg.KeepDeploys, MaxStoredBytes: orOff(cfg.MaxStoredBytes),
		MaxEnvVars: cfg.MaxEnvVars, MaxKVKeys: orOff(int64(cfg.MaxKVKeys)), MaxKVBytes: orOff(cfg.MaxKVBytes)}, log)
	if err != nil {
		return fmt.Errorf("opening the store in %s: %w", cfg.Data, err)
	}
	defer st.Close()
	if cfg.NiceAfter > 0 {
		if err := engine.CPUFairness(); err != nil {
			log.Warn("CPU fairness is off: a function that keeps a CPU busy until its deadline is not de-prioritised, so it competes with other users' requests as an equal; to turn it on, give the process CAP_SYS_NICE (docker run --cap-add SYS_NICE, systemd AmbientCapabilities=CAP_SYS_NICE); --nice-after 0 silences this", "reason", err.Error())
			cfg.NiceAfter = 0
		}
	}
	p, err := platform.New(platform.Config{
		Engine: engine.Config{Timeout: cfg.Timeout, IdleTimeout: cfg.IdleTimeout, MaxRuntimes: cfg.MaxRuntimes, MemoryLimit: memoryLimit(cfg.MemoryLimit), NiceAfter: niceAfter(cfg.NiceAfter), Logger: log,
			FetchTimeout: cfg.FetchTimeout, MaxFetches: cfg.FetchMaxRequests},
		FetchAllow: cfg.FetchAllow, FetchMaxBytes: cfg.FetchMaxBytes,
		MaxBuildBytes: orOff(cfg.MaxBuildBytes), MaxLogBytesPerDay: orOff(cfg.MaxLogBytesPerDay), MaxLogFollowers: int(orOff(int64(cfg.MaxLogFollowers))),
		SecretKey: key, MaxEnvValueBytes: int(cfg.MaxEnvValueBytes),
		RateLimit: cfg.RateLimit, Logger: log,
	}, st)
	if err != nil {
		return err
	}
	defer p.Close()
	creds, err := p.Bootstrap(ctx, cfg.AdminToken)
	if err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	if creds != nil {
		fmt.Fprintf(out, "\nCreated the admin account. This is shown once; keep it safe:\n  user:     %s\n  password: %s\n  token:    %s\n\n", creds.Name, creds.Password, creds.Token)
	}
	var ui fs.FS
	if sub, err := consoleui.Dist(); err == nil {
		ui = sub
	}
	srv := api.New(api.Config{Console: ui, Version: version, Logger: log, MetricsToken: cfg.MetricsToken, NoMetrics: cfg.MetricsAddr != "",
		Logins: api.LoginLimits{AddrHeader: cfg.ClientIPHeader}, FunctionsHost: cfg.FnHost, MaxConnsPerIP: connsPerIP(cfg.ConnsPerIP)}, p)
	if cfg.MetricsAddr != "" {
		mux := http.NewServeMux()
		mux.Handle("/metrics", p.MetricsHandler())
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("--metrics-addr %q: %w", cfg.MetricsAddr, err)
		}
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
		go func() { _ = msrv.Serve(mln) }()
		defer msrv.Close()
		log.Info("metrics listening", "addr", mln.Addr().String())
	}
	if cfg.DebugAddr != "" {
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		dbg := &http.Server{Addr: cfg.DebugAddr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go func() { _ = dbg.ListenAndServe() }()
		defer dbg.Close()
		log.Info("pprof listening", "addr", cfg.DebugAddr)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	log.Info("tarsus listening", "addr", addr, "data", cfg.Data, "console", "http://"+displayAddr(addr)+"/console/")
	if ready != nil {
		ready(addr)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Listen(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	if err := srv.Shutdown(10 * time.Second); err != nil && !errors.Is(err, context.Canceled) {
		// A connection that never sent a request holds fasthttp's shutdown
		// until its read timeout; what was running has finished by now.
		log.Warn("connections were still open at shutdown", "err", err)
	}
	return nil
}

func displayAddr(a string) string {
	if strings.HasPrefix(a, "[::]:") {
		return "localhost:" + strings.TrimPrefix(a, "[::]:")
	}
	if strings.HasPrefix(a, "0.0.0.0:") {
		return "localhost:" + strings.TrimPrefix(a, "0.0.0.0:")
	}
	return a
}

// connsPerIP maps --max-conns-per-ip, where 0 turns the cap off, to
// api.Config.MaxConnsPerIP, where 0 means the default and a negative value
// turns it off.
func connsPerIP(n int) int { return int(orOff(int64(n))) }

// loadSecretKey is --secret-key, or else the key kept in <data>/secret.key
// (made, mode 0600, on the first start).
func loadSecretKey(cfg serveConfig, log *slog.Logger) ([]byte, error) {
	if cfg.SecretKey != "" {
		// Checked here, not by the options: their messages quote values.
		k, err := platform.ParseSecretKey(cfg.SecretKey)
		if err != nil {
			return nil, fmt.Errorf("--secret-key (or TARSUS_SECRET_KEY): %v", err)
		}
		return k, nil
	}
	path := filepath.Join(cfg.Data, "secret.key")
	key, created, err := platform.SecretKeyFile(path)
	if err != nil {
		return nil, err
	}
	if created {
		log.Warn("made the key that encrypts secrets: back it up, secrets cannot be read without it", "file", path)
	}
	return key, nil
}
