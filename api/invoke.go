package api

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/platform"
)

type notFoundBody struct {
	Message    string `json:"message"`
	Error      string `json:"error"`
	StatusCode int    `json:"statusCode"`
}

// invoke serves POST /<user>/<path>.
func (s *Server) invoke(c *fiber.Ctx) error {
	// Params point into fasthttp's reusable buffers; the engine keeps these
	// strings as map keys and metric labels, so they must be copies.
	user := strings.Clone(c.Params("user"))
	route, err := url.PathUnescape(c.Params("*"))
	if err != nil {
		return s.notFound(c)
	}
	route = strings.Clone(route)
	if route == "" {
		return s.notFound(c)
	}
	fn, err := s.p.Lookup(c.UserContext(), user, route)
	if err != nil {
		if errors.Is(err, platform.ErrRouteNotFound) {
			return c.Status(404).JSON(notFoundBody{
				Message: "Route " + c.Method() + ":" + string(c.Request().RequestURI()) + " not found", Error: "Not Found", StatusCode: 404,
			})
		}
		return err
	}
	ra := s.p.RouteAccess(fn)
	if ra != nil && ra.CORS != nil && c.Method() == fiber.MethodOptions {
		return preflight(c, ra.CORS)
	}
	if c.Method() != fiber.MethodPost {
		c.Set(fiber.HeaderAllow, "POST")
		return apiError(405, "TARSUS_METHOD_NOT_ALLOWED", "Route "+c.Method()+":"+string(c.Request().RequestURI())+" accepts only POST")
	}
	// Headers of the route's access options (CORS, rate limit): on every
	// answer, a refusal included; the function's own headers replace them.
	var set []string
	if ra != nil || s.p.DefaultRateLimit() {
		var err error
		if set, err = s.admit(c, user, fn, ra); err != nil {
			return err
		}
	}
	var claims []byte
	if len(set) > 0 {
		claims, _ = c.Locals(claimsLocal).([]byte)
	}
	// The body, raw and at most the function's bodyLimit (+1 byte, so
	// that the function's own parser answers 413 in Fastify's way, through
	// its error handler). A body withheld at the headers (Content-Length
	// over the limit) is not read at all; the function still sees the
	// announced Content-Length.
	r := c.Request()
	// A small body has arrived whole with the headers (the prefetch): the
	// engine checks it against bodyLimit. Only a longer or chunked one
	// needs the limit here, to stop reading at it.
	limit := prefetch
	if cl := r.Header.ContentLength(); r.IsBodyStream() && (cl < 0 || cl > prefetch) {
		limit = invokeLimit(fn.BodyLimit())
	}
	body, _, err := readBody(c, limit)
	if err != nil {
		return err
	}
	announced := r.Header.Peek(withheld)
	// Copy everything out of fasthttp's reusable buffers (see the package doc): the
	// runtime keeps strings without copying.
	req := &engine.Request{
		ID:       "req-" + strconv.FormatUint(s.reqID.Add(1), 36),
		Method:   "POST",
		URL:      string(r.RequestURI()),
		Query:    string(r.URI().QueryString()),
		Body:     body,
		IP:       c.IP(),
		Host:     string(r.Host()),
		Protocol: protocol(c),
		User:     claims,
	}
	req.Headers = make([]engine.Header, 0, r.Header.Len())
	r.Header.VisitAll(func(k, v []byte) {
		if len(announced) > 0 {
			switch string(k) {
			case withheld:
				return
			case fiber.HeaderContentLength:
				v = announced
			}
		}
		req.Headers = append(req.Headers, engine.Header{Name: headerName(k), Value: string(v)})
	})
	req.IP = string(append([]byte(nil), req.IP...))
	resp, err := s.p.Invoke(c.UserContext(), user, fn, req)
	if err != nil {
		var fe *engine.FunctionError
		switch {
		case errors.Is(err, engine.ErrTimeout):
			return apiError(504, "TARSUS_TIMEOUT", "the function "+route+" did not answer before its deadline; its runtime was stopped")
		case errors.Is(err, engine.ErrMemory):
			return apiError(503, "TARSUS_MEMORY", "the function "+route+" was stopped because the server ran short of memory; its runtime was discarded")
		case errors.Is(err, engine.ErrBusy):
			return apiError(503, "TARSUS_BUSY", "too many requests for this user's functions are waiting; retry shortly")
		case errors.As(err, &fe):
			return apiError(500, "TARSUS_FUNCTION_ERROR", fe.Message)
		}
		return err
	}
	// Defense in depth: the engine refuses such headers in the function
	// already; none ever reaches the wire.
	for _, h := range resp.Headers {
		if !isToken(h.Name) || !validValue(h.Value) {
			if resp.Stream != nil {
				resp.Stream.Close()
			}
			s.log.Error("a function set an invalid response header; answered 500", "user", user, "route", route, "header", strconv.Quote(h.Name), "value", strconv.Quote(h.Value))
			return apiError(500, "TARSUS_BAD_HEADER", "the function "+route+" set the response header "+strconv.Quote(h.Name)+" with an invalid name or value (control characters such as CR or LF are not allowed)")
		}
	}
	out := c.Response()
	out.Header.SetNoDefaultContentType(true)
	out.SetStatusCode(resp.Status)
	if resp.Cold {
		out.Header.Set("X-Tarsus-Cold", "1")
	} else {
		out.Header.Set("X-Tarsus-Cold", "0")
	}
	out.Header.Set("X-Tarsus-Duration-Ms", strconv.FormatFloat(float64((resp.Wait+resp.Run).Microseconds())/1000, 'f', 3, 64))
	for _, h := range resp.Headers {
		switch h.Name {
		case "content-length", "transfer-encoding", "connection":
			continue
		case "content-type":
			out.Header.SetContentType(h.Value)
			continue
		}
		if len(set) > 0 {
			if i := slices.Index(set, h.Name); i >= 0 {
				out.Header.Del(h.Name)
				set[i] = ""
			}
		}
		out.Header.Add(h.Name, h.Value)
	}
	// A page a function serves must never act as the console: it runs
	// sandboxed (an opaque origin), unless functions have their own host.
	sandbox := s.cfg.FunctionsHost == "" || !s.onFunctionsHost(c)
	if sandbox {
		out.Header.Add(fiber.HeaderContentSecurityPolicy, cspSandbox)
	}
	out.Header.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	switch {
	case resp.Stream != nil && (resp.Status == 304 || resp.Status == 204 || resp.Status < 200):
		// No body may follow: the function's stream is ended unread.
		resp.Stream.Close()
		if resp.Status == 304 {
			write304(c, resp, sandbox)
		}
	case resp.Stream != nil:
		// Sent chunked, each chunk as the function produces it; fasthttp
		// closes the body (fnBody.Close) when it is written or the client
		// is gone, which ends the invocation.
		out.SetBodyStream(&fnBody{s: resp.Stream, conn: c.Context().Conn(), wt: s.cfg.WriteTimeout}, -1)
	case resp.Status == 304:
		write304(c, resp, sandbox)
	case resp.Status == 204 || (resp.Status >= 100 && resp.Status < 200):
	default:
		out.SetBodyRaw(resp.Body)
	}
	return nil
}

// fnBody is a streamed function response as fasthttp reads a body
// stream: each Read returns (part of) one chunk the function wrote, which
// fasthttp writes and flushes as one HTTP chunk. A stream the engine cut
// (size cap, deadline, the function's error) fails the Read, and fasthttp
// then closes the connection without the last chunk, so the client sees
// the body is incomplete. The write deadline is renewed at each chunk:
// only a client that stops reading is cut off by WriteTimeout.
type fnBody struct {
	s    *engine.Stream
	cur  []byte
	conn net.Conn
	wt   time.Duration
}

func (b *fnBody) Read(p []byte) (int, error) {
	for len(b.cur) == 0 {
		c, err := b.s.Next()
		if err != nil {
			return 0, err
		}
		b.cur = c
	}
	if b.conn != nil && b.wt > 0 {
		_ = b.conn.SetWriteDeadline(time.Now().Add(b.wt))
	}
	n := copy(p, b.cur)
	b.cur = b.cur[n:]
	return n, nil
}

func (b *fnBody) Close() error {
	b.s.Close()
	return nil
}

// protocol is the connection's own scheme: like Fastify without
// trustProxy, X-Forwarded-Proto is not believed.
func protocol(c *fiber.Ctx) string {
	if c.Context().IsTLS() {
		return "https"
	}
	return "http"
}

// write304 answers a 304 the way Fastify does: every header the function
// set, content-length included, and no body. fasthttp never writes a
// content-length on a 304, so the response is written on the hijacked
// connection, which is then closed.
func write304(c *fiber.Ctx, resp *engine.Response, sandbox bool) {
	n := len(resp.Body)
	var b []byte
	b = append(b, "HTTP/1.1 304 Not Modified\r\n"...)
	for _, h := range resp.Headers {
		if h.Name == "content-length" {
			if v, err := strconv.Atoi(h.Value); err == nil {
				n = v
			}
			continue
		}
		if h.Name == "x-content-type-options" || (sandbox && h.Name == "content-security-policy" && h.Value == cspSandbox) {
			continue
		}
		b = append(b, h.Name...)
		b = append(b, ": "...)
		b = append(b, h.Value...)
		b = append(b, "\r\n"...)
	}
	if sandbox {
		b = append(b, "content-security-policy: sandbox\r\n"...)
	}
	b = append(b, "x-content-type-options: nosniff\r\n"...)
	b = append(b, "content-length: "...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, "\r\ndate: "...)
	b = append(b, time.Now().UTC().Format(http.TimeFormat)...)
	b = append(b, "\r\nconnection: close\r\n\r\n"...)
	c.Context().HijackSetNoResponse(true)
	c.Context().Hijack(func(conn net.Conn) { _, _ = conn.Write(b) })
}

// headerName is a request header's name in lower case; the usual names
// (as fasthttp normalizes them) cost no allocation.
func headerName(k []byte) string {
	switch string(k) {
	case "Host":
		return "host"
	case "User-Agent":
		return "user-agent"
	case "Accept":
		return "accept"
	case "Accept-Encoding":
		return "accept-encoding"
	case "Accept-Language":
		return "accept-language"
	case "Connection":
		return "connection"
	case "Content-Type":
		return "content-type"
	case "Content-Length":
		return "content-length"
	case "Authorization":
		return "authorization"
	case "Cookie":
		return "cookie"
	case "Origin":
		return "origin"
	case "Referer":
		return "referer"
	case "X-Forwarded-For":
		return "x-forwarded-for"
	case "Cache-Control":
		return "cache-control"
	}
	return string(bytes.ToLower(k))
}
