package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"

	"github.com/tarsus/tarsus/platform"
)

// The console's session: a token in an HttpOnly cookie, accepted only with
// the matching CSRF header.
const (
	// sessionCookie holds a console session's token. Its path is /api/, so
	// that it is sent to the API only, never to functions (served at
	// /<user>/…, where a tenant's code would read the Cookie header).
	sessionCookie = "tarsus_session"
	cookiePath    = "/api/"
	// csrfHeader carries the session's CSRF token on cookie requests.
	csrfHeader = "X-CSRF-Token"
)

const (
	localToken   = "token"   // platform.TokenInfo of the request's token
	localSession = "session" // true when the token came from the cookie
)

// csrfFor derives a session's CSRF token: whoever reads it (the console's
// page) cannot compute the session token back.
func csrfFor(session string) string {
	h := sha256.Sum256([]byte("tarsus-csrf\x00" + session))
	return base64.RawURLEncoding.EncodeToString(h[:])
}

// csrfExempt lists the cookie requests that need no CSRF header: reads
// with no side effect that a browser makes without custom headers
// (EventSource cannot send one). Cross-site pages get no cookie at all
// (SameSite=Strict) and cannot read a same-origin answer.
func csrfExempt(c *fiber.Ctx) bool {
	m := c.Method()
	return (m == fiber.MethodGet || m == fiber.MethodHead) && c.Path() == "/api/v1/logs"
}

// auth authenticates a request: a bearer token (the CLI, scripts), or the
// console's session cookie with its CSRF header.
func (s *Server) auth(c *fiber.Ctx) error {
	tok, viaCookie := bearer(c), false
	if tok == "" {
		if ck := c.Cookies(sessionCookie); ck != "" {
			tok, viaCookie = ck, true
		}
	}
	if viaCookie && !csrfExempt(c) {
		want := csrfFor(tok)
		if got := c.Get(csrfHeader); subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			return apiError(403, "TARSUS_CSRF", "a request authenticated by the console's session cookie needs its CSRF token in the "+csrfHeader+" header (GET /api/v1/session returns it); scripts use Authorization: Bearer <token>")
		}
	}
	u, info, err := s.p.Identify(c.UserContext(), tok)
	if err != nil {
		if viaCookie {
			s.clearSession(c)
		}
		return err
	}
	c.Locals(localUser, u)
	c.Locals(localToken, info)
	c.Locals(localSession, viaCookie)
	return c.Next()
}

func currentToken(c *fiber.Ctx) platform.TokenInfo {
	t, _ := c.Locals(localToken).(platform.TokenInfo)
	return t
}

func viaSession(c *fiber.Ctx) bool { v, _ := c.Locals(localSession).(bool); return v }

func (s *Server) setSession(c *fiber.Ctx, iss platform.Issued) {
	ck := &fiber.Cookie{Name: sessionCookie, Value: iss.Token, Path: cookiePath, HTTPOnly: true,
		SameSite: fiber.CookieSameSiteStrictMode, Secure: c.Protocol() == "https"}
	if !iss.ExpiresAt.IsZero() {
		ck.Expires = iss.ExpiresAt
	}
	c.Cookie(ck)
}

func (s *Server) clearSession(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: cookiePath, HTTPOnly: true,
		SameSite: fiber.CookieSameSiteStrictMode, Secure: c.Protocol() == "https",
		Expires: time.Unix(0, 0), MaxAge: -1})
}

// throttled runs check (a password check of name) under the login
// throttle.
func (s *Server) throttled(c *fiber.Ctx, name string, check func() error) error {
	addr := c.IP()
	if h := s.logins.cfg.AddrHeader; h != "" {
		addr = clientAddr(addr, c.Get(h))
	}
	if wait := s.logins.begin(name, addr); wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
		return apiError(429, "TARSUS_TOO_MANY_LOGINS", "too many failed logins for this name or from this address; try again in "+strconv.Itoa(secs)+" s")
	}
	t := time.NewTimer(s.logins.cfg.CheckWait)
	defer t.Stop()
	select {
	case s.logins.checks <- struct{}{}:
	case <-t.C:
		c.Set(fiber.HeaderRetryAfter, "1")
		return apiError(503, "TARSUS_BUSY", "the server is checking too many passwords at once; try again in a second")
	}
	err := func() error {
		defer func() { <-s.logins.checks }()
		return check()
	}()
	if err == nil {
		s.logins.succeeded(name, addr)
	} else {
		s.logins.failed(name, addr)
	}
	return err
}

// duration reads an optional lifetime: seconds as a JSON number, or a Go
// duration string ("12h").
func duration(field string, raw json.RawMessage) (time.Duration, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	bad := apiError(400, "TARSUS_BAD_REQUEST", field+" must be a positive number of seconds or a duration such as \"12h\" (at most 10 years)")
	var d time.Duration
	var secs float64
	var str string
	switch {
	case json.Unmarshal(raw, &secs) == nil:
		if secs <= 0 || secs > 10*365*24*3600 {
			return 0, bad
		}
		d = time.Duration(secs * float64(time.Second))
	case json.Unmarshal(raw, &str) == nil:
		var err error
		if d, err = time.ParseDuration(str); err != nil {
			return 0, bad
		}
	default:
		return 0, bad
	}
	if d < time.Second || d > 10*365*24*time.Hour {
		return 0, bad
	}
	return d, nil
}

type loginInput struct {
	Name      string
	Password  string
	Label     string          `json:"label"`
	ExpiresIn json.RawMessage `json:"expiresIn"`
}

func (s *Server) doLogin(c *fiber.Ctx, session bool) (platform.Issued, platform.User, error) {
	var in loginInput
	if err := decodeJSON(c, &in); err != nil {
		return platform.Issued{}, platform.User{}, err
	}
	exp, err := duration("expiresIn", in.ExpiresIn)
	if err != nil {
		return platform.Issued{}, platform.User{}, err
	}
	if len(in.Label) > 100 {
		return platform.Issued{}, platform.User{}, apiError(400, "TARSUS_BAD_REQUEST", "label has at most 100 bytes")
	}
	var iss platform.Issued
	var u platform.User
	err = s.throttled(c, in.Name, func() error {
		var err error
		iss, u, err = s.p.Login(c.UserContext(), in.Name, in.Password, platform.LoginOptions{Session: session, Label: in.Label, ExpiresIn: exp})
		return err
	})
	return iss, u, err
}

func expiresAt(iss platform.Issued) any {
	if iss.ExpiresAt.IsZero() {
		return nil
	}
	return iss.ExpiresAt.UTC().Format(time.RFC3339)
}

// login: POST /api/v1/login {name, password, label?, expiresIn?} → an API
// token.
func (s *Server) login(c *fiber.Ctx) error {
	iss, u, err := s.doLogin(c, false)
	if err != nil {
		return err
	}
	out := fiber.Map{"token": iss.Token, "id": iss.ID, "user": u}
	if e := expiresAt(iss); e != nil {
		out["expiresAt"] = e
	}
	return c.JSON(out)
}

// createSession: POST /api/v1/session {name, password} → the console's
// session cookie, and its CSRF token in the body.
func (s *Server) createSession(c *fiber.Ctx) error {
	iss, u, err := s.doLogin(c, true)
	if err != nil {
		return err
	}
	s.setSession(c, iss)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"user": u, "csrfToken": csrfFor(iss.Token), "expiresAt": expiresAt(iss)})
}

// getSession: GET /api/v1/session → the cookie's user and CSRF token (a
// reloaded console has only the cookie). Cross-origin pages cannot read it.
func (s *Server) getSession(c *fiber.Ctx) error {
	tok := c.Cookies(sessionCookie)
	if tok == "" {
		return apiError(401, "TARSUS_UNAUTHORIZED", "no console session: sign in with POST /api/v1/session")
	}
	u, info, err := s.p.Identify(c.UserContext(), tok)
	if err != nil {
		s.clearSession(c)
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	var exp any
	if info.ExpiresAt != nil {
		exp = info.ExpiresAt.Format(time.RFC3339)
	}
	return c.JSON(fiber.Map{"user": u, "csrfToken": csrfFor(tok), "expiresAt": exp})
}

// logout: POST /api/v1/logout (and DELETE /api/v1/tokens/current) revokes
// the token of the request and clears the session cookie.
func (s *Server) logout(c *fiber.Ctx) error {
	if err := s.p.RevokeToken(c.UserContext(), current(c).Name, currentToken(c).ID); err != nil {
		return err
	}
	if viaSession(c) || c.Cookies(sessionCookie) != "" {
		s.clearSession(c)
	}
	return c.SendStatus(204)
}

// listTokens: GET /api/v1/tokens[?user=] lists tokens, never their secret.
func (s *Server) listTokens(c *fiber.Ctx) error {
	cur := ""
	if target(c) == current(c).Name {
		cur = currentToken(c).ID
	}
	toks, err := s.p.Tokens(c.UserContext(), target(c), cur)
	if err != nil {
		return err
	}
	return c.JSON(toks)
}

// revokeToken: DELETE /api/v1/tokens/{id}[?user=]; "current" is the
// request's own token.
func (s *Server) revokeToken(c *fiber.Ctx) error {
	id := c.Params("id")
	if id == "current" {
		return s.logout(c)
	}
	if err := s.p.RevokeToken(c.UserContext(), target(c), strings.Clone(id)); err != nil {
		return err
	}
	if target(c) == current(c).Name && id == currentToken(c).ID && viaSession(c) {
		s.clearSession(c)
	}
	return c.SendStatus(204)
}

// changePassword: PUT /api/v1/me/password {current, new}. Every token of
// the user is revoked; the caller gets a new one (a new session cookie when
// it came with one).
func (s *Server) changePassword(c *fiber.Ctx) error {
	var in struct{ Current, New string }
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u := current(c)
	session := viaSession(c)
	var iss platform.Issued
	err := s.throttled(c, u.Name, func() error {
		var err error
		iss, err = s.p.ChangePassword(c.UserContext(), u.Name, in.Current, in.New, session)
		return err
	})
	if err != nil {
		return err
	}
	if session {
		s.setSession(c, iss)
		return c.JSON(fiber.Map{"csrfToken": csrfFor(iss.Token), "expiresAt": expiresAt(iss)})
	}
	return c.JSON(fiber.Map{"token": iss.Token, "id": iss.ID})
}

// resetPassword: PUT /api/v1/users/{name}/password {password} (admin).
func (s *Server) resetPassword(c *fiber.Ctx) error {
	var in struct{ Password string }
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := s.p.ResetPassword(c.UserContext(), strings.Clone(c.Params("name")), in.Password); err != nil {
		return err
	}
	return c.SendStatus(204)
}

// metrics serves /metrics to an admin token or Config.MetricsToken; with
// Config.NoMetrics it is served elsewhere (its own address) and not here.
func (s *Server) metricsRoute() fiber.Handler {
	h := adaptor.HTTPHandler(s.p.MetricsHandler())
	return func(c *fiber.Ctx) error {
		if s.cfg.NoMetrics {
			return s.notFound(c)
		}
		tok := bearer(c)
		if s.cfg.MetricsToken != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.MetricsToken)) == 1 {
			return h(c)
		}
		const how = "/metrics needs a token: Authorization: Bearer <an admin's API token or the --metrics-token>; or serve it without one on its own address (--metrics-addr)"
		if tok == "" {
			return apiError(401, "TARSUS_UNAUTHORIZED", how)
		}
		u, err := s.p.Authenticate(c.UserContext(), tok)
		if err != nil {
			return apiError(401, "TARSUS_UNAUTHORIZED", how)
		}
		if !u.IsAdmin() {
			return apiError(403, "TARSUS_FORBIDDEN", how)
		}
		return h(c)
	}
}
