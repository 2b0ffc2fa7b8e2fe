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
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/api"
	consoleui "github.com/tarsus/tarsus/console-ui"
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
	FnHost      string
	ConnsPerIP  int
}

func envOr(e *env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

func envDuration(e *env, key string, def time.Duration) time.Duration {
	if v := e.getenv(key); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}

func envInt(e *env, key string, def int) int {
	if v := e.getenv(key); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

func newServeCmd(e *env) *cobra.Command {
	var cfg serveConfig
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the Tarsus server (API, functions and console)",
		Long: `Run the Tarsus server: the management API under /api/v1, functions at
POST /<user>/<path>, the console at /console/, /healthz and /metrics.

Every flag can also be set with the environment variable named in its help;
a flag given on the command line wins over the environment.

On the first start of an empty data folder without an admin token, the
server creates the "admin" account and prints its password and API token once.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), cfg, e.stdout, nil)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Addr, "addr", envOr(e, "TARSUS_ADDR", ":3401"), "listen address (TARSUS_ADDR)")
	f.StringVar(&cfg.Data, "data", envOr(e, "TARSUS_DATA", "./tarsus-data"), "data folder for the Badger store (TARSUS_DATA)")
	f.StringVar(&cfg.AdminToken, "admin-token", envOr(e, "TARSUS_ADMIN_TOKEN", ""), "API token of the admin account (TARSUS_ADMIN_TOKEN)")
	f.DurationVar(&cfg.Timeout, "timeout", envDuration(e, "TARSUS_TIMEOUT", 10*time.Second), "deadline of one invocation (TARSUS_TIMEOUT)")
	f.DurationVar(&cfg.IdleTimeout, "idle-timeout", envDuration(e, "TARSUS_IDLE_TIMEOUT", 5*time.Minute), "drop a runtime idle this long (TARSUS_IDLE_TIMEOUT)")
	f.IntVar(&cfg.MaxRuntimes, "max-runtimes", envInt(e, "TARSUS_MAX_RUNTIMES", 4), "runtimes per user at most (TARSUS_MAX_RUNTIMES)")
	f.IntVar(&cfg.KeepDeploys, "keep-deployments", envInt(e, "TARSUS_KEEP_DEPLOYMENTS", 50), "deployments kept per user for rollback (TARSUS_KEEP_DEPLOYMENTS)")
	f.Int64Var(&cfg.MemoryLimit, "memory-limit", int64(envInt(e, "TARSUS_MEMORY_LIMIT", 2<<30)), "heap bytes above which running functions are stopped (TARSUS_MEMORY_LIMIT)")
	f.DurationVar(&cfg.NiceAfter, "nice-after", envDuration(e, "TARSUS_NICE_AFTER", 5*time.Millisecond), "lower the thread priority of an invocation that keeps a CPU busy this long; 0 turns CPU fairness off (TARSUS_NICE_AFTER)")
	f.StringVar(&cfg.DebugAddr, "debug-addr", envOr(e, "TARSUS_DEBUG_ADDR", ""), "serve Go's pprof profiles on this address, e.g. 127.0.0.1:6060 (TARSUS_DEBUG_ADDR)")
	f.IntVar(&cfg.ConnsPerIP, "max-conns-per-ip", envInt(e, "TARSUS_MAX_CONNS_PER_IP", 1024), "open connections one client address may hold; 0 turns the cap off, e.g. behind a reverse proxy (TARSUS_MAX_CONNS_PER_IP)")
	f.StringVar(&cfg.FnHost, "functions-host", envOr(e, "TARSUS_FUNCTIONS_HOST", ""), "a host name for functions: invocations there are served without the sandbox CSP, and the console and API are not served there (TARSUS_FUNCTIONS_HOST)")
	f.StringVar(&cfg.LogLevel, "log-level", envOr(e, "TARSUS_LOG_LEVEL", "info"), "debug, info, warn or error (TARSUS_LOG_LEVEL)")
	return cmd
}

// connsPerIP maps the flag to api.Config.MaxConnsPerIP, where 0 means the
// default and a negative value turns the cap off.
func connsPerIP(n int) int {
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
	if err := os.MkdirAll(cfg.Data, 0o700); err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	st, err := store.Open(store.Config{Dir: filepath.Join(cfg.Data, "badger"), KeepDeployments: cfg.KeepDeploys}, log)
	if err != nil {
		return fmt.Errorf("opening the store in %s: %w", cfg.Data, err)
	}
	defer st.Close()
	p, err := platform.New(platform.Config{
		Engine: engine.Config{Timeout: cfg.Timeout, IdleTimeout: cfg.IdleTimeout, MaxRuntimes: cfg.MaxRuntimes, MemoryLimit: cfg.MemoryLimit, NiceAfter: niceAfter(cfg.NiceAfter), Logger: log},
		Logger: log,
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
	srv := api.New(api.Config{Console: ui, Version: version, Logger: log, FunctionsHost: cfg.FnHost, MaxConnsPerIP: connsPerIP(cfg.ConnsPerIP)}, p)
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
