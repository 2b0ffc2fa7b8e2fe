package api

// The HTTP edge: what every request passes before a handler reads it.
//
//   - Bodies are never decompressed. A request that declares a
//     Content-Encoding other than identity is refused with 415
//     TARSUS_UNSUPPORTED_ENCODING before its body is read: a bounded
//     decoder would still let a few KB on the wire cost the server MBs of
//     work per request, and no client of Tarsus needs to compress uploads.
//   - Request bodies are streamed (fasthttp's StreamRequestBody): at most
//     the first 8 KiB arrive before a handler runs, and each route reads
//     the rest up to its own limit — the function's bodyLimit for an
//     invocation (Fastify's 1 MiB by default), Config.DeployBodyLimit for
//     uploads (only once the caller is authenticated), Config.APIBodyLimit
//     for everything else. A Content-Length over the limit is answered
//     from the headers alone (headerReceived withholds the body), a
//     chunked body is cut off at the limit, and a connection whose body
//     was not read to its end is closed after the answer, so the unread
//     bytes are never parsed as a next request.
//   - Response headers set by a function are checked once more here (the
//     engine already refuses them in the function): a name that is not an
//     HTTP token or a value with CR, LF, NUL or another control character
//     is a 500, never bytes on the wire.
//   - Function responses carry "Content-Security-Policy: sandbox" and
//     "X-Content-Type-Options: nosniff": a page a function serves runs in
//     an opaque origin and cannot read or drive the console's. With
//     Config.FunctionsHost set, invocations on that host skip the sandbox
//     and the console and API are not served there.
//   - The console and the API send their own CSP (frame-ancestors 'none')
//     and nosniff.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// Defaults of the edge's limits (see Config).
const (
	defaultAPIBodyLimit    = 64 << 10
	defaultDeployBodyLimit = 20 << 20
	defaultInvokeBodyLimit = 1 << 20 // Fastify's bodyLimit default
	defaultMaxHeaderBytes  = 16 << 10
	defaultMaxConnsPerIP   = 1024
	// prefetch is what fasthttp reads of a streamed body before the
	// handler runs (readBodyWithStreaming in fasthttp 1.51).
	prefetch = 8 << 10
)

// withheld is the request header by which headerReceived tells the
// handlers that it withheld the body. Its value is "enc" (a refused
// Content-Encoding) or the Content-Length the client announced. A client's
// own header of that name is removed first.
const withheld = "X-Tarsus-Withheld"

// The policies the edge sends.
const (
	cspSandbox = "sandbox"
	cspAPI     = "default-src 'none'; frame-ancestors 'none'"
	// cspConsole fits the built console: its index.html has no inline
	// script; Naive UI injects <style> elements at run time, hence
	// 'unsafe-inline' for styles only; the icon is a data: URL.
	cspConsole = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

// route classes, by what their bodies may hold.
type class int

const (
	classInvoke  class = iota // POST /<user>/<path>: the function's bodyLimit
	classAPI                  // /api/v1/* and everything else: APIBodyLimit
	classDeploy               // uploads: DeployBodyLimit
	classConsole              // GET /, /console/*: APIBodyLimit
	classKV                   // PUT /api/v1/kv/{key}: one KV value (kvBodyLimit)
)

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// classify tells the class of a request from its method and raw path, as
// the router will see it (fiber matches paths case-insensitively).
func classify(method, path string) class {
	if hasPrefixFold(path, "/api/v1/") || strings.EqualFold(path, "/api/v1") {
		rest := path[min(len(path), len("/api/v1/")):]
		switch {
		case method == fiber.MethodPost && strings.EqualFold(strings.TrimSuffix(rest, "/"), "deploy"):
			return classDeploy
		case method == fiber.MethodPut && hasPrefixFold(rest, "functions/"):
			return classDeploy
		case method == fiber.MethodPut && hasPrefixFold(rest, "kv/"):
			return classKV
		}
		return classAPI
	}
	if method == fiber.MethodGet || method == fiber.MethodHead {
		if path == "/" || hasPrefixFold(path, "/console") {
			return classConsole
		}
		return classAPI // /healthz, /metrics; invocations are POST only
	}
	if method == fiber.MethodPost && (strings.HasSuffix(path, "/$upload")) {
		return classDeploy
	}
	return classInvoke
}

// requestPath is the path of a request-target (origin or absolute form).
func requestPath(uri []byte) string {
	s := string(uri)
	if !strings.HasPrefix(s, "/") {
		if i := strings.Index(s, "://"); i >= 0 {
			s = s[i+3:]
			if j := strings.IndexByte(s, '/'); j >= 0 {
				s = s[j:]
			} else {
				s = "/"
			}
		}
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	return s
}

func identityEncoding(v []byte) bool {
	for tok := range strings.SplitSeq(string(v), ",") {
		if t := strings.TrimSpace(tok); t != "" && !strings.EqualFold(t, "identity") {
			return false
		}
	}
	return true
}

// headerReceived runs after a request's headers were read and before any
// byte of its body: it withholds the body of a request that will be
// refused anyway, so that the refusal is sent at once and nothing is
// buffered.
func (s *Server) headerReceived(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	if len(h.Peek(withheld)) > 0 {
		h.Del(withheld)
	}
	if ce := h.Peek(fiber.HeaderContentEncoding); len(ce) > 0 && !identityEncoding(ce) {
		withhold(h, "enc")
		return fasthttp.RequestConfig{}
	}
	cl := h.ContentLength()
	if cl <= prefetch && cl != -1 { // small or none: it arrives with the headers
		return fasthttp.RequestConfig{}
	}
	method, path := string(h.Method()), requestPath(h.RequestURI())
	var rc fasthttp.RequestConfig
	if classify(method, path) == classDeploy {
		// An upload may take longer than ReadTimeout to arrive.
		rc.ReadTimeout = s.cfg.UploadTimeout
	}
	if cl > prefetch && cl > s.limitFor(method, path) {
		withhold(h, strconv.Itoa(cl))
		return fasthttp.RequestConfig{}
	}
	return rc
}

func withhold(h *fasthttp.RequestHeader, v string) {
	h.Set(withheld, v)
	h.Del(fiber.HeaderExpect) // no "100 Continue": the answer comes now
	h.SetContentLength(0)     // fasthttp reads no body
}

// limitFor is the body limit of a request, found from its headers alone.
func (s *Server) limitFor(method, path string) int {
	switch classify(method, path) {
	case classDeploy:
		return s.cfg.DeployBodyLimit
	case classKV:
		return kvBodyLimit
	case classInvoke:
		// /<user>/<route>, as the router splits it.
		rest := strings.TrimPrefix(path, "/")
		user, route, ok := strings.Cut(rest, "/")
		if !ok || user == "" {
			return s.cfg.APIBodyLimit
		}
		if r, err := url.PathUnescape(route); err == nil {
			route = r
		}
		fn, err := s.p.Lookup(context.Background(), user, route)
		if err != nil {
			return 0 // no such route: its 404 needs no body
		}
		return invokeLimit(fn.BodyLimit())
	}
	return s.cfg.APIBodyLimit
}

func invokeLimit(n int) int {
	if n <= 0 {
		return defaultInvokeBodyLimit
	}
	return n
}

// guard is the first handler of every request: it answers what
// headerReceived refused, keeps the functions host to invocations, sends
// the console's and API's security headers, reads the small bodies of
// API routes (bounded) so that no handler can read an unbounded one, and
// closes a connection whose body was left unread.
func (s *Server) guard(c *fiber.Ctx) error {
	method, path := c.Method(), c.Path()
	cls := classify(method, path)
	r := c.Request()
	if s.cfg.FunctionsHost != "" && s.onFunctionsHost(c) {
		if cls != classInvoke && !strings.EqualFold(path, "/healthz") {
			c.Set(fiber.HeaderContentSecurityPolicy, cspAPI)
			c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
			c.Response().Header.SetConnectionClose()
			return s.notFound(c)
		}
	}
	if w := r.Header.Peek(withheld); len(w) > 0 {
		c.Response().Header.SetConnectionClose()
		if string(w) == "enc" {
			return errUnsupportedEncoding(r.Header.Peek(fiber.HeaderContentEncoding))
		}
		if cls != classInvoke { // an invocation's 413 comes from its function, as in Fastify
			n, _ := strconv.Atoi(string(w))
			return s.tooLarge(cls, n)
		}
	}
	switch cls {
	case classInvoke:
		// invoke reads the body against the function's bodyLimit and
		// sets the function's headers.
	case classConsole:
		c.Set(fiber.HeaderContentSecurityPolicy, cspConsole)
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		c.Set(fiber.HeaderXFrameOptions, "DENY")
	default:
		c.Set(fiber.HeaderContentSecurityPolicy, cspAPI)
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	}
	if cls == classAPI || cls == classConsole || cls == classKV {
		if r.IsBodyStream() {
			limit := s.cfg.APIBodyLimit
			if cls == classKV {
				limit = kvBodyLimit
			}
			b, over, err := readBody(c, limit)
			if err != nil || over {
				c.Response().Header.SetConnectionClose()
			}
			if err != nil {
				return err
			}
			if over {
				return s.tooLarge(cls, len(b))
			}
			r.SetBodyRaw(b)
		}
	}
	err := c.Next()
	if r.IsBodyStream() && r.Header.ContentLength() != 0 {
		// The handler left (part of) the body unread: the rest must not
		// be parsed as a next request.
		c.Response().Header.SetConnectionClose()
	}
	return err
}

func errUnsupportedEncoding(ce []byte) error {
	return apiError(415, "TARSUS_UNSUPPORTED_ENCODING", "Content-Encoding "+strconv.Quote(string(ce))+" is not accepted: send the body uncompressed (no Content-Encoding, or identity)")
}

// tooLarge is the 413 of a non-invocation route; n is the size announced
// or read so far.
func (s *Server) tooLarge(cls class, n int) error {
	if cls == classDeploy {
		return apiError(413, "TARSUS_TOO_LARGE", "the upload has more than "+sizeText(s.cfg.DeployBodyLimit)+" ("+strconv.Itoa(n)+" bytes); the limit of one deploy request is "+sizeText(s.cfg.DeployBodyLimit)+": deploy in parts")
	}
	if cls == classKV {
		return apiError(413, "TARSUS_KV_TOO_LARGE", "the value has more than "+sizeText(kvBodyLimit)+"; a KV value may have at most "+sizeText(kvBodyLimit))
	}
	return apiError(413, "TARSUS_TOO_LARGE", "the request body has more than "+sizeText(s.cfg.APIBodyLimit)+"; this route accepts at most "+sizeText(s.cfg.APIBodyLimit))
}

func sizeText(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// readBody reads the request's body, never decompressing it, and never
// more than limit+1 bytes. over reports a body longer than limit: then b
// holds what was read (nothing when the Content-Length already said so)
// and the rest stays unread (guard closes the connection). b is the
// caller's to keep.
func readBody(c *fiber.Ctx, limit int) (b []byte, over bool, err error) {
	r := c.Request()
	if !r.IsBodyStream() {
		raw := r.Body() // no stream: already in memory, bounded by whoever read it
		return bytes.Clone(raw), len(raw) > limit, nil
	}
	cl := r.Header.ContentLength()
	if cl > limit {
		return nil, true, nil
	}
	if cl >= 0 && cl <= prefetch {
		// All of it has arrived already (the common, small body).
		b = make([]byte, cl)
		if _, err := io.ReadFull(r.BodyStream(), b); err != nil {
			return nil, false, bodyReadError(err)
		}
		_ = r.CloseBodyStream()
		return b, false, nil
	}
	if cl > 0 {
		// Memory grows as bytes arrive, not as they are announced.
		b, err = io.ReadAll(r.BodyStream())
		if err == nil && len(b) != cl {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, false, bodyReadError(err)
		}
		_ = r.CloseBodyStream()
		return b, false, nil
	}
	// Chunked: read up to the limit, as it arrives.
	b, err = io.ReadAll(io.LimitReader(r.BodyStream(), int64(limit)+1))
	if err != nil {
		return nil, false, bodyReadError(err)
	}
	if len(b) > limit {
		return b, true, nil
	}
	_ = r.CloseBodyStream()
	return b, false, nil
}

func bodyReadError(err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return apiError(408, "TARSUS_REQUEST_TIMEOUT", "the request body did not arrive within the server's read timeout; send it faster or in smaller parts")
	}
	return apiError(400, "TARSUS_BAD_REQUEST", "the request body could not be read: "+err.Error())
}

// onFunctionsHost reports whether the request's Host is Config.FunctionsHost
// (compared without the port unless FunctionsHost names one).
func (s *Server) onFunctionsHost(c *fiber.Ctx) bool {
	host := string(c.Request().Host())
	want := s.cfg.FunctionsHost
	if !strings.Contains(want, ":") || strings.HasSuffix(want, "]") {
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		want = strings.Trim(want, "[]")
		host = strings.Trim(host, "[]")
	}
	return strings.EqualFold(host, want)
}

// isToken reports whether s is an HTTP token (RFC 9110), as Node checks a
// header name.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// validValue reports whether a header value holds no byte Node refuses:
// control characters other than tab (CR, LF and NUL among them) and DEL.
func validValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// edgeListener wraps every accepted connection: it caps the open
// connections per client address (max > 0) and closes connections
// gracefully (see edgeConn.Close).
type edgeListener struct {
	net.Listener
	max int
	log func(ip string)
	mu  sync.Mutex
	n   map[string]int
}

// limitConns wraps ln so that one address holds at most max connections
// (max <= 0: no cap) and every connection ends with a lingering close.
func limitConns(ln net.Listener, max int, log func(ip string)) net.Listener {
	return &edgeListener{Listener: ln, max: max, log: log, n: map[string]int{}}
}

func (l *edgeListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.max <= 0 {
			return &edgeConn{Conn: c}, nil
		}
		ip := c.RemoteAddr().String()
		if h, _, err := net.SplitHostPort(ip); err == nil {
			ip = h
		}
		l.mu.Lock()
		if l.n[ip] >= l.max {
			l.mu.Unlock()
			l.log(ip)
			go refuseConn(c, l.max)
			continue
		}
		l.n[ip]++
		l.mu.Unlock()
		return &edgeConn{Conn: c, l: l, ip: ip}, nil
	}
}

func (l *edgeListener) release(ip string) {
	l.mu.Lock()
	if l.n[ip]--; l.n[ip] <= 0 {
		delete(l.n, ip)
	}
	l.mu.Unlock()
}

type edgeConn struct {
	net.Conn
	l    *edgeListener // nil: not counted
	ip   string
	once sync.Once
}

// Close closes the connection the way net/http does when a request body
// may still be arriving (an early 413 or 415): it sends FIN first and
// reads what the client still sends for a moment (at most lingerTime and
// lingerBytes), so that the client reads the answer instead of a reset.
// It returns at once; the rest happens in the background.
func (c *edgeConn) Close() error {
	c.once.Do(func() {
		go func() {
			linger(c.Conn)
			if c.l != nil {
				c.l.release(c.ip)
			}
		}()
	})
	return nil
}

const (
	lingerTime  = 500 * time.Millisecond
	lingerBytes = 64 << 20
)

func linger(c net.Conn) {
	defer c.Close()
	cw, ok := c.(interface{ CloseWrite() error })
	if !ok || cw.CloseWrite() != nil {
		return
	}
	_ = c.SetReadDeadline(time.Now().Add(lingerTime))
	_, _ = io.Copy(io.Discard, io.LimitReader(c, lingerBytes))
}

// refuseConn answers 429 on a connection over the cap and closes it, after
// reading (briefly) what the client sent, so that the answer is not lost
// to a reset.
func refuseConn(c net.Conn, max int) {
	defer c.Close()
	body := `{"statusCode":429,"code":"TARSUS_TOO_MANY_CONNECTIONS","error":"Too Many Requests","message":"this address already has ` + strconv.Itoa(max) + ` open connections to the server, its limit; close some or reuse them (keep-alive)"}`
	resp := "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + strconv.Itoa(len(body)) +
		"\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body
	_ = c.SetDeadline(time.Now().Add(time.Second))
	if _, err := io.WriteString(c, resp); err != nil {
		return
	}
	if tc, ok := c.(interface{ CloseWrite() error }); ok {
		_ = tc.CloseWrite()
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(c, 64<<10))
}
