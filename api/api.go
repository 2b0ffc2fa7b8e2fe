// Package api serves a platform over HTTP with fiber: the management API
// under /api/v1, function invocation at POST /<user>/<path>, /healthz,
// /metrics and the embedded console. fiber stays inside this package.
//
// What every request passes before a handler reads it (no request
// decompression, per-route body limits checked at the headers, timeouts,
// a header cap, a per-address connection cap, the security headers of
// function responses, the console and the API) is described in edge.go
// and configured in Config.
//
// fasthttp reuses its buffers: every value read from a *fiber.Ctx (body,
// headers, params) is overwritten by a later request, and goja keeps Go
// strings without copying, so a value handed to a runtime or another
// goroutine is copied first.
package api

import (
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/tarsus/tarsus/platform"
)

// Config configures the HTTP server.
type Config struct {
	// APIBodyLimit is the largest request body of the management API
	// (except uploads) and of every route that is not an invocation.
	// Optional. Default: 64 KiB.
	APIBodyLimit int
	// DeployBodyLimit is the largest upload: POST /api/v1/deploy,
	// PUT /api/v1/functions/{path} and $upload. It is read only once the
	// caller is authenticated. Optional. Default: 20 MiB.
	DeployBodyLimit int
	// An invocation's body is limited by its function's bodyLimit
	// (Fastify's route option; 1 MiB unless the function sets it).

	// ReadTimeout bounds reading one request, headers and body (a
	// keep-alive connection's wait for its next request is IdleTimeout).
	// Optional. Default: 30s.
	ReadTimeout time.Duration
	// UploadTimeout bounds reading the body of an upload (see
	// DeployBodyLimit) longer than 8 KiB or chunked, from the end of its
	// headers, instead of ReadTimeout: 20 MiB in 2 minutes needs
	// 1.4 Mbit/s. Optional. Default: 2m.
	UploadTimeout time.Duration
	// WriteTimeout bounds writing one response once the handler has
	// answered; a log stream (logs?follow) renews it at every write.
	// Optional. Default: 30s.
	WriteTimeout time.Duration
	// IdleTimeout bounds keep-alive connections. Optional. Default: 120s.
	IdleTimeout time.Duration
	// MaxHeaderBytes caps the request line and headers (431 above it);
	// it is also the read buffer of every connection. Optional.
	// Default: 16 KiB (Node's default).
	MaxHeaderBytes int
	// MaxConnsPerIP caps the open connections from one client address;
	// one more is answered 429 TARSUS_TOO_MANY_CONNECTIONS and closed.
	// Behind a reverse proxy every client has the proxy's address: raise
	// it or turn it off there. Negative turns it off. Optional.
	// Default: 1024.
	MaxConnsPerIP int
	// FunctionsHost, when set, is a host name (as in the Host header;
	// without a port it matches any port) on which only invocations (and
	// /healthz) are served: the console and the API answer 404 there, and
	// function responses there do not carry "Content-Security-Policy:
	// sandbox", so a function's page may run scripts and use its origin's
	// storage. That origin is shared by every user's functions (they can
	// read each other's cookies and storage there), but not with the
	// console. On other hosts invocations keep the sandbox. Optional.
	// Default: "" (functions are served, sandboxed, on every host).
	FunctionsHost string
	// Console is the built console (index.html at its root); nil serves none.
	Console fs.FS
	// Version is reported by /healthz.
	Version string
	// Logins throttles password checks per user name and client address.
	// Optional. Default: see LoginLimits.
	Logins LoginLimits
	// MetricsToken, when set, is a token (besides an admin's API token)
	// that may read /metrics. Optional. Default: none.
	MetricsToken string
	// NoMetrics leaves /metrics out: the caller serves
	// platform.MetricsHandler on an address of its own.
	// Optional. Default: false.
	NoMetrics bool
	// Logger receives request errors. Optional. Default: discard.
	Logger *slog.Logger
}

func (c *Config) fill() {
	if c.APIBodyLimit <= 0 {
		c.APIBodyLimit = defaultAPIBodyLimit
	}
	if c.DeployBodyLimit <= 0 {
		c.DeployBodyLimit = defaultDeployBodyLimit
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 30 * time.Second
	}
	if c.UploadTimeout <= 0 {
		c.UploadTimeout = 2 * time.Minute
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 30 * time.Second
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 120 * time.Second
	}
	if c.MaxHeaderBytes <= 0 {
		c.MaxHeaderBytes = defaultMaxHeaderBytes
	}
	if c.MaxConnsPerIP == 0 {
		c.MaxConnsPerIP = defaultMaxConnsPerIP
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Server is the HTTP face of a platform.
type Server struct {
	cfg   Config
	p     *platform.Platform
	app   *fiber.App
	log   *slog.Logger
	reqID atomic.Uint64
	// closing is closed by Shutdown so that open log streams end and do
	// not hold the shutdown up.
	closing   chan struct{}
	closeOnce sync.Once
	logins    *loginThrottle
}

// New builds the server and its routes.
func New(cfg Config, p *platform.Platform) *Server {
	cfg.fill()
	s := &Server{cfg: cfg, p: p, log: cfg.Logger, closing: make(chan struct{}), logins: newLoginThrottle(cfg.Logins)}
	s.app = fiber.New(fiber.Config{
		AppName:               "tarsus",
		BodyLimit:             max(cfg.DeployBodyLimit, cfg.APIBodyLimit),
		ReadTimeout:           cfg.ReadTimeout,
		WriteTimeout:          cfg.WriteTimeout,
		IdleTimeout:           cfg.IdleTimeout,
		ReadBufferSize:        cfg.MaxHeaderBytes,
		DisableStartupMessage: true,
		ErrorHandler:          s.errorHandler,
		// Function invocation copies what it hands to a runtime; the API
		// handlers finish with the request, except the SSE stream, which
		// copies too. So fasthttp's buffers may be reused (every value read
		// from a *fiber.Ctx points into them until the next request).
		Immutable: false,
		// Bodies are streamed and each route reads its own up to its
		// limit (edge.go); none is decompressed.
		StreamRequestBody:            true,
		ReduceMemoryUsage:            false,
		DisablePreParseMultipartForm: true,
	})
	s.app.Server().HeaderReceived = s.headerReceived
	s.routes()
	return s
}

// Listen serves on ln until Shutdown.
func (s *Server) Listen(ln net.Listener) error {
	return s.app.Listener(limitConns(ln, s.cfg.MaxConnsPerIP, func(ip string) {
		s.log.Warn("refused a connection: too many open connections from one address", "ip", ip, "limit", s.cfg.MaxConnsPerIP)
	}))
}

// Shutdown stops the server, waiting for requests in flight up to timeout.
func (s *Server) Shutdown(timeout time.Duration) error {
	s.closeOnce.Do(func() { close(s.closing) })
	return s.app.ShutdownWithTimeout(timeout)
}

func (s *Server) routes() {
	app := s.app
	app.Use(recover.New())
	app.Use(s.guard)
	app.Get("/healthz", func(c *fiber.Ctx) error {
		return c.JSON(fiber.Map{"status": "ok", "version": s.cfg.Version})
	})
	app.Get("/metrics", s.metricsRoute())

	v1 := app.Group("/api/v1")
	v1.Post("/login", s.login)
	v1.Post("/session", s.createSession)
	v1.Get("/session", s.getSession)
	authed := v1.Group("", s.auth)
	authed.Get("/me", s.me)
	authed.Post("/logout", s.logout)
	authed.Put("/me/password", s.changePassword)
	authed.Get("/tokens", s.target, s.listTokens)
	authed.Delete("/tokens/:id", s.target, s.revokeToken)
	authed.Put("/users/:name/password", s.adminOnly, s.resetPassword)
	authed.Post("/users", s.adminOnly, s.createUser)
	authed.Get("/users", s.adminOnly, s.listUsers)
	authed.Delete("/users/:name", s.adminOnly, s.deleteUser)
	authed.Get("/functions", s.target, s.listFunctions)
	authed.Get("/functions/*", s.target, s.getFunction)
	authed.Put("/functions/*", s.target, s.putFunction)
	authed.Delete("/functions/*", s.target, s.deleteFunction)
	authed.Post("/deploy", s.target, s.deploy)
	authed.Get("/manifest", s.target, s.manifest)
	authed.Get("/logs", s.target, s.logs)
	authed.Get("/stats", s.target, s.stats)
	authed.Get("/stats/history", s.target, s.history)
	authed.Get("/deployments", s.target, s.deployments)
	authed.Post("/deployments/:id/rollback", s.target, s.rollback)
	authed.Post("/runtimes/drop", s.target, s.dropRuntimes)
	// env and KV (data.go)
	authed.Get("/env", s.target, s.listEnv)
	authed.Put("/env/:name", s.target, s.putEnv)
	authed.Delete("/env/:name", s.target, s.deleteEnv)
	authed.Get("/kv", s.target, s.listKV)
	authed.Get("/kv/*", s.target, s.getKV)
	authed.Put("/kv/*", s.target, s.putKV)
	authed.Delete("/kv/*", s.target, s.deleteKV)
	s.accessRoutes(authed)
	v1.All("/*", func(c *fiber.Ctx) error {
		return apiError(404, "TARSUS_NOT_FOUND", "no API route "+c.Method()+" "+c.Path()+"; see the README for the API")
	})

	if s.cfg.Console != nil {
		s.mountConsole()
	}
	app.Post("/:user/*", s.maybeUpload)
	app.All("/:user/*", s.invoke)
	app.All("/*", s.notFound)
}

// errorBody is Fastify's error shape, with per-file problems when present.
type errorBody struct {
	StatusCode int                `json:"statusCode"`
	Code       string             `json:"code,omitempty"`
	Error      string             `json:"error"`
	Message    string             `json:"message"`
	Errors     []platform.Problem `json:"errors,omitempty"`
}

// httpError is an error that already knows its response.
type httpError struct{ body errorBody }

func (e *httpError) Error() string { return e.body.Message }

func apiError(status int, code, msg string) error {
	return &httpError{errorBody{StatusCode: status, Code: code, Error: statusText(status), Message: msg}}
}

func statusText(code int) string {
	switch code {
	case 413:
		return "Payload Too Large"
	case 431:
		return "Request Header Fields Too Large"
	case 422:
		return "Unprocessable Entity"
	}
	if t := http.StatusText(code); t != "" {
		return t
	}
	return "Error " + strconv.Itoa(code)
}

func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	var he *httpError
	var pe *platform.Error
	var fe *fiber.Error
	var body errorBody
	switch {
	case errors.As(err, &he):
		body = he.body
	case errors.As(err, &pe):
		body = errorBody{StatusCode: pe.Status, Code: pe.Code, Error: statusText(pe.Status), Message: pe.Message, Errors: pe.Details}
	case errors.As(err, &fe):
		code := "TARSUS_HTTP"
		msg := fe.Message
		switch fe.Code {
		case 413:
			code, msg = "FST_ERR_CTP_BODY_TOO_LARGE", "Request body is too large"
		case 404:
			code = "TARSUS_NOT_FOUND"
		case 408:
			code, msg = "TARSUS_REQUEST_TIMEOUT", "the request did not arrive within the server's read timeout ("+s.cfg.ReadTimeout.String()+")"
		case 431:
			code, msg = "TARSUS_HEADERS_TOO_LARGE", "the request line and headers exceed "+sizeText(s.cfg.MaxHeaderBytes)+"; send fewer or smaller headers (cookies)"
		}
		body = errorBody{StatusCode: fe.Code, Code: code, Error: statusText(fe.Code), Message: msg}
	default:
		s.log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
		body = errorBody{StatusCode: 500, Code: "TARSUS_INTERNAL", Error: statusText(500), Message: "internal server error; the server log has the details"}
	}
	if len(c.Response().Header.Peek(fiber.HeaderContentSecurityPolicy)) == 0 {
		c.Set(fiber.HeaderContentSecurityPolicy, cspAPI)
	}
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	return c.Status(body.StatusCode).JSON(body)
}

func (s *Server) notFound(c *fiber.Ctx) error {
	return c.Status(404).JSON(fiber.Map{
		"message":    "Route " + c.Method() + ":" + string(c.Request().RequestURI()) + " not found",
		"error":      "Not Found",
		"statusCode": 404,
	})
}
