package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

// req sends a request with headers given as name/value pairs.
func (s *server) req(method, path string, body []byte, headers ...string) resp {
	s.t.Helper()
	r, err := http.NewRequest(method, s.URL+path, strings.NewReader(string(body)))
	if err != nil {
		s.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	res, err := client.Do(r)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp{Status: res.StatusCode, Header: res.Header, Body: []byte(b.String())}
}

func jsonBody(v any) []byte { b, _ := json.Marshal(v); return b }

func (s *server) login(name, password string, extra ...any) resp {
	s.t.Helper()
	in := map[string]any{"name": name, "password": password}
	for i := 0; i+1 < len(extra); i += 2 {
		in[extra[i].(string)] = extra[i+1]
	}
	return s.do("POST", "/api/v1/login", "", "application/json", jsonBody(in))
}

func wantError(t *testing.T, r resp, status int, code string, msgHas ...string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	m := r.JSON(t)
	if m["code"] != code || m["statusCode"] != float64(status) || m["error"] == "" {
		t.Fatalf("body %s, want code %s in Fastify's error shape", r.Body, code)
	}
	for _, h := range msgHas {
		if !strings.Contains(m["message"].(string), h) {
			t.Fatalf("message %q does not say %q", m["message"], h)
		}
	}
}

func TestLoginThrottle(t *testing.T) {
	s := start(t, opts{})
	s.createUser("alice")
	s.createUser("bob")
	for i := range 5 {
		wantError(t, s.login("alice", "wrong-password"), 401, "TARSUS_BAD_CREDENTIALS")
		_ = i
	}
	// The fifth failure locked the name: even the right password waits.
	for _, pw := range []string{"wrong-password", "password-alice"} {
		r := s.login("alice", pw)
		wantError(t, r, 429, "TARSUS_TOO_MANY_LOGINS", "try again in")
		if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 1 {
			t.Fatalf("Retry-After %q, want 1 (s) after the first lockout", r.Header.Get("Retry-After"))
		}
	}
	// Another name from the same address is not locked.
	if r := s.login("bob", "password-bob"); r.Status != 200 {
		t.Fatalf("bob's login during alice's lockout: %d %s", r.Status, r.Body)
	}
	// Once the lockout passes, the right password works and clears the count.
	eventually(t, 5*time.Second, "alice's lockout to end", func() bool { return s.login("alice", "password-alice").Status == 200 })
	for range 4 {
		wantError(t, s.login("alice", "wrong-password"), 401, "TARSUS_BAD_CREDENTIALS")
	}
	// Unknown names are throttled alike (no way to tell them apart).
	for range 5 {
		wantError(t, s.login("nobody", "wrong-password"), 401, "TARSUS_BAD_CREDENTIALS")
	}
	wantError(t, s.login("nobody", "wrong-password"), 429, "TARSUS_TOO_MANY_LOGINS")
}

func TestLoginThrottleByAddress(t *testing.T) {
	s := start(t, opts{})
	s.createUser("alice")
	// 20 failures from one address over many names lock the address; a
	// forged X-Forwarded-For changes nothing (no proxy is configured).
	for i := range 20 {
		r := s.req("POST", "/api/v1/login", jsonBody(map[string]string{"name": "user" + strconv.Itoa(i), "password": "wrong-password"}),
			"Content-Type", "application/json", "X-Forwarded-For", "198.51.100."+strconv.Itoa(i))
		wantError(t, r, 401, "TARSUS_BAD_CREDENTIALS")
	}
	wantError(t, s.login("alice", "password-alice"), 429, "TARSUS_TOO_MANY_LOGINS")
}

func TestPasswordLimits(t *testing.T) {
	s := start(t, opts{})
	long := strings.Repeat("p", 73)
	r := s.do("POST", "/api/v1/users", adminToken, "application/json", jsonBody(map[string]string{"name": "alice", "password": long}))
	wantError(t, r, 400, "TARSUS_BAD_PASSWORD", "72 bytes")
	// 72 bytes of multi-byte characters are fine; 8 characters is the least.
	r = s.do("POST", "/api/v1/users", adminToken, "application/json", jsonBody(map[string]string{"name": "alice", "password": strings.Repeat("é", 36)}))
	if r.Status != 201 {
		t.Fatalf("72-byte password: %d %s", r.Status, r.Body)
	}
	r = s.do("POST", "/api/v1/users", adminToken, "application/json", jsonBody(map[string]string{"name": "bob", "password": "short"}))
	wantError(t, r, 400, "TARSUS_BAD_PASSWORD", "at least 8")
	wantError(t, s.login("alice", long), 400, "TARSUS_BAD_PASSWORD", "72 bytes")
	if r := s.login("alice", strings.Repeat("é", 36)); r.Status != 200 {
		t.Fatalf("login with the 72-byte password: %d %s", r.Status, r.Body)
	}
}

type tokenInfo struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Kind       string  `json:"kind"`
	CreatedAt  *string `json:"createdAt"`
	LastUsedAt *string `json:"lastUsedAt"`
	ExpiresAt  *string `json:"expiresAt"`
	Current    bool    `json:"current"`
}

func (s *server) tokens(token, query string) []tokenInfo {
	s.t.Helper()
	r := s.do("GET", "/api/v1/tokens"+query, token, "", nil)
	if r.Status != 200 {
		s.t.Fatalf("GET /api/v1/tokens%s: %d %s", query, r.Status, r.Body)
	}
	if strings.Contains(string(r.Body), "tsk_") {
		s.t.Fatalf("the token listing holds a secret: %s", r.Body)
	}
	var out []tokenInfo
	if err := json.Unmarshal(r.Body, &out); err != nil {
		s.t.Fatal(err)
	}
	return out
}

func TestTokensListAndRevoke(t *testing.T) {
	s := start(t, opts{})
	first := s.createUser("alice")
	bob := s.createUser("bob")
	r := s.login("alice", "password-alice", "label", "laptop", "expiresIn", "1h")
	if r.Status != 200 {
		t.Fatalf("login: %d %s", r.Status, r.Body)
	}
	lm := r.JSON(t)
	laptop, laptopID := lm["token"].(string), lm["id"].(string)
	if exp, _ := time.Parse(time.RFC3339, lm["expiresAt"].(string)); time.Until(exp) < 59*time.Minute || time.Until(exp) > 61*time.Minute {
		t.Fatalf("expiresAt %v, want in an hour", lm["expiresAt"])
	}

	list := s.tokens(laptop, "")
	if len(list) != 2 {
		t.Fatalf("alice's tokens: %+v", list)
	}
	var created tokenInfo
	for _, ti := range list {
		switch ti.ID {
		case laptopID:
			if ti.Name != "laptop" || ti.Kind != "login" || !ti.Current || ti.ExpiresAt == nil || ti.CreatedAt == nil || ti.LastUsedAt == nil {
				t.Errorf("the laptop token: %+v", ti)
			}
		default:
			created = ti
			if ti.Kind != "created" || ti.Current || ti.ExpiresAt != nil {
				t.Errorf("the first token: %+v", ti)
			}
		}
	}
	// Bob cannot see or revoke alice's tokens.
	wantError(t, s.do("DELETE", "/api/v1/tokens/"+created.ID, bob, "", nil), 404, "TARSUS_NOT_FOUND")
	wantError(t, s.do("GET", "/api/v1/tokens?user=alice", bob, "", nil), 403, "TARSUS_FORBIDDEN")
	if r := s.do("GET", "/api/v1/me", first, "", nil); r.Status != 200 {
		t.Fatalf("alice's first token after bob's attempt: %d", r.Status)
	}
	// Alice revokes her first token: it is refused at once.
	if r := s.do("DELETE", "/api/v1/tokens/"+created.ID, laptop, "", nil); r.Status != 204 {
		t.Fatalf("revoke: %d %s", r.Status, r.Body)
	}
	wantError(t, s.do("GET", "/api/v1/me", first, "", nil), 401, "TARSUS_UNAUTHORIZED")
	wantError(t, s.do("DELETE", "/api/v1/tokens/"+created.ID, laptop, "", nil), 404, "TARSUS_NOT_FOUND", "GET /api/v1/tokens")
	// An admin lists and revokes another user's tokens with ?user=.
	if l := s.tokens(adminToken, "?user=alice"); len(l) != 1 || l[0].ID != laptopID || l[0].Current {
		t.Fatalf("admin's view of alice's tokens: %+v", l)
	}
	if r := s.do("DELETE", "/api/v1/tokens/"+laptopID+"?user=alice", adminToken, "", nil); r.Status != 204 {
		t.Fatalf("admin revoke: %d %s", r.Status, r.Body)
	}
	wantError(t, s.do("GET", "/api/v1/me", laptop, "", nil), 401, "TARSUS_UNAUTHORIZED")

	// Logout and DELETE /tokens/current revoke the calling token only.
	a1 := s.login("alice", "password-alice").JSON(t)["token"].(string)
	a2 := s.login("alice", "password-alice").JSON(t)["token"].(string)
	if r := s.do("POST", "/api/v1/logout", a1, "", nil); r.Status != 204 {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	wantError(t, s.do("GET", "/api/v1/me", a1, "", nil), 401, "TARSUS_UNAUTHORIZED")
	if r := s.do("GET", "/api/v1/me", a2, "", nil); r.Status != 200 {
		t.Fatalf("the other token after logout: %d", r.Status)
	}
	if r := s.do("DELETE", "/api/v1/tokens/current", a2, "", nil); r.Status != 204 {
		t.Fatalf("DELETE /tokens/current: %d %s", r.Status, r.Body)
	}
	wantError(t, s.do("GET", "/api/v1/me", a2, "", nil), 401, "TARSUS_UNAUTHORIZED")
}

func TestTokenExpiry(t *testing.T) {
	s := start(t, opts{})
	s.createUser("alice")
	for _, bad := range []any{0, -5, "soon", "0s", true, 1e12} {
		wantError(t, s.login("alice", "password-alice", "expiresIn", bad), 400, "TARSUS_BAD_REQUEST", "expiresIn")
	}
	r := s.login("alice", "password-alice", "expiresIn", 1)
	if r.Status != 200 {
		t.Fatalf("login: %d %s", r.Status, r.Body)
	}
	tok := r.JSON(t)["token"].(string)
	if r := s.do("GET", "/api/v1/me", tok, "", nil); r.Status != 200 {
		t.Fatalf("fresh token: %d", r.Status)
	}
	var last resp
	eventually(t, 5*time.Second, "the token to expire", func() bool {
		last = s.do("GET", "/api/v1/me", tok, "", nil)
		return last.Status != 200
	})
	wantError(t, last, 401, "TARSUS_TOKEN_EXPIRED", "log in again")
	// Expired, it is gone: the next use is an unknown token.
	wantError(t, s.do("GET", "/api/v1/me", tok, "", nil), 401, "TARSUS_UNAUTHORIZED")
}

func TestPasswordChangeRevokesTokens(t *testing.T) {
	s := start(t, opts{})
	first := s.createUser("alice")
	other := s.login("alice", "password-alice").JSON(t)["token"].(string)
	put := func(tok string, v any) resp {
		return s.do("PUT", "/api/v1/me/password", tok, "application/json", jsonBody(v))
	}
	wantError(t, put(first, map[string]string{"current": "wrong-password", "new": "new-password-1"}), 403, "TARSUS_BAD_CREDENTIALS", "nothing was changed")
	wantError(t, put(first, map[string]string{"current": "password-alice", "new": strings.Repeat("x", 73)}), 400, "TARSUS_BAD_PASSWORD", "72")
	wantError(t, put(first, map[string]string{"current": "password-alice", "new": "short"}), 400, "TARSUS_BAD_PASSWORD")
	if r := s.do("GET", "/api/v1/me", first, "", nil); r.Status != 200 {
		t.Fatalf("a refused change revoked the token: %d", r.Status)
	}
	r := put(first, map[string]string{"current": "password-alice", "new": "new-password-1"})
	if r.Status != 200 {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
	fresh := r.JSON(t)["token"].(string)
	for _, old := range []string{first, other} {
		wantError(t, s.do("GET", "/api/v1/me", old, "", nil), 401, "TARSUS_UNAUTHORIZED")
	}
	if r := s.do("GET", "/api/v1/me", fresh, "", nil); r.Status != 200 {
		t.Fatalf("the token the change returned: %d", r.Status)
	}
	wantError(t, s.login("alice", "password-alice"), 401, "TARSUS_BAD_CREDENTIALS")
	if r := s.login("alice", "new-password-1"); r.Status != 200 {
		t.Fatalf("login with the new password: %d", r.Status)
	}

	// An admin's reset revokes every token of the user too.
	bob := s.createUser("bob")
	wantError(t, s.do("PUT", "/api/v1/users/alice/password", bob, "application/json", jsonBody(map[string]string{"password": "reset-password"})), 403, "TARSUS_FORBIDDEN")
	wantError(t, s.do("PUT", "/api/v1/users/alice/password", adminToken, "application/json", jsonBody(map[string]string{"password": strings.Repeat("x", 100)})), 400, "TARSUS_BAD_PASSWORD", "72")
	wantError(t, s.do("PUT", "/api/v1/users/zed/password", adminToken, "application/json", jsonBody(map[string]string{"password": "reset-password"})), 404, "TARSUS_NOT_FOUND")
	if r := s.do("PUT", "/api/v1/users/alice/password", adminToken, "application/json", jsonBody(map[string]string{"password": "reset-password"})); r.Status != 204 {
		t.Fatalf("reset: %d %s", r.Status, r.Body)
	}
	wantError(t, s.do("GET", "/api/v1/me", fresh, "", nil), 401, "TARSUS_UNAUTHORIZED")
	if r := s.login("alice", "reset-password"); r.Status != 200 {
		t.Fatalf("login after reset: %d", r.Status)
	}
	if r := s.do("GET", "/api/v1/me", bob, "", nil); r.Status != 200 {
		t.Fatalf("bob's token after alice's reset: %d", r.Status)
	}
	// The admin's own password: its login tokens go, the --admin-token
	// stays (it is rotated by starting with another one).
	if r := s.do("PUT", "/api/v1/users/admin/password", adminToken, "application/json", jsonBody(map[string]string{"password": "admin-password-1"})); r.Status != 204 {
		t.Fatalf("admin reset: %d %s", r.Status, r.Body)
	}
	adminLogin := s.login("admin", "admin-password-1").JSON(t)["token"].(string)
	if r := s.do("PUT", "/api/v1/me/password", adminLogin, "application/json", jsonBody(map[string]string{"current": "admin-password-1", "new": "admin-password-2"})); r.Status != 200 {
		t.Fatalf("admin change: %d %s", r.Status, r.Body)
	}
	wantError(t, s.do("GET", "/api/v1/me", adminLogin, "", nil), 401, "TARSUS_UNAUTHORIZED")
	if r := s.do("GET", "/api/v1/me", adminToken, "", nil); r.Status != 200 {
		t.Fatalf("the --admin-token after the admin's password change: %d", r.Status)
	}
}

func TestAdminTokenRotation(t *testing.T) {
	dir := t.TempDir()
	s := testserver.Start(t, testserver.Options{Dir: dir, AdminToken: "tsk_admin_one"})
	body, _ := json.Marshal(map[string]string{"name": "alice", "password": "password-alice"})
	hs := &server{Server: s, t: t}
	if r := hs.do("POST", "/api/v1/users", "tsk_admin_one", "application/json", body); r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	alice := hs.login("alice", "password-alice").JSON(t)["token"].(string)
	s.Stop()

	// The same token again: it keeps working.
	s = testserver.Start(t, testserver.Options{Dir: dir, AdminToken: "tsk_admin_one"})
	hs = &server{Server: s, t: t}
	if r := hs.do("GET", "/api/v1/me", "tsk_admin_one", "", nil); r.Status != 200 {
		t.Fatalf("the same admin token after a restart: %d", r.Status)
	}
	s.Stop()

	// A new one: the old is revoked, other tokens stay.
	s = testserver.Start(t, testserver.Options{Dir: dir, AdminToken: "tsk_admin_two"})
	hs = &server{Server: s, t: t}
	wantError(t, hs.do("GET", "/api/v1/me", "tsk_admin_one", "", nil), 401, "TARSUS_UNAUTHORIZED")
	if r := hs.do("GET", "/api/v1/me", "tsk_admin_two", "", nil); r.Status != 200 {
		t.Fatalf("the new admin token: %d", r.Status)
	}
	if r := hs.do("GET", "/api/v1/me", alice, "", nil); r.Status != 200 {
		t.Fatalf("alice's token after the rotation: %d", r.Status)
	}
	admins := hs.tokens("tsk_admin_two", "")
	if len(admins) != 1 || admins[0].Kind != "admin-token" || !admins[0].Current {
		t.Fatalf("admin tokens after the rotation: %+v", admins)
	}
}

// session signs in for a console session and returns its cookie (name=value)
// and CSRF token.
func (s *server) session(name, password string, headers ...string) (cookie, csrf string, r resp) {
	s.t.Helper()
	r = s.req("POST", "/api/v1/session", jsonBody(map[string]string{"name": name, "password": password}), append([]string{"Content-Type", "application/json"}, headers...)...)
	if r.Status != 200 {
		s.t.Fatalf("POST /api/v1/session: %d %s", r.Status, r.Body)
	}
	sc := r.Header.Get("Set-Cookie")
	cookie, _, _ = strings.Cut(sc, ";")
	return cookie, r.JSON(s.t)["csrfToken"].(string), r
}

func cookieAttrs(sc string) map[string]string {
	m := map[string]string{}
	for i, part := range strings.Split(sc, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		if i == 0 {
			m["@name"], m["@value"] = k, v
			continue
		}
		m[strings.ToLower(k)] = v
	}
	return m
}

func TestConsoleSessionCookie(t *testing.T) {
	s := start(t, opts{})
	s.createUser("alice")
	cookie, csrf, r := s.session("alice", "password-alice")
	a := cookieAttrs(r.Header.Get("Set-Cookie"))
	if a["@name"] != "tarsus_session" || a["@value"] == "" || a["path"] != "/api/" || a["samesite"] != "Strict" || a["expires"] == "" {
		t.Fatalf("Set-Cookie %q", r.Header.Get("Set-Cookie"))
	}
	if _, ok := a["httponly"]; !ok {
		t.Fatalf("the session cookie is not HttpOnly: %q", r.Header.Get("Set-Cookie"))
	}
	if _, ok := a["secure"]; ok {
		t.Fatalf("Secure on a plain-HTTP request: %q", r.Header.Get("Set-Cookie"))
	}
	if strings.Contains(string(r.Body), a["@value"]) || csrf == "" {
		t.Fatalf("the body carries the session token, or no CSRF token: %s", r.Body)
	}
	if exp, _ := time.Parse(time.RFC3339, r.JSON(t)["expiresAt"].(string)); time.Until(exp) < 11*time.Hour || time.Until(exp) > 13*time.Hour {
		t.Fatalf("a console session expires at %v, want in 12 h", exp)
	}
	// Behind a TLS proxy the cookie is Secure.
	_, _, rs := s.session("alice", "password-alice", "X-Forwarded-Proto", "https")
	if _, ok := cookieAttrs(rs.Header.Get("Set-Cookie"))["secure"]; !ok {
		t.Fatalf("no Secure over https: %q", rs.Header.Get("Set-Cookie"))
	}

	// A reloaded console gets the user and CSRF token back from the cookie.
	g := s.req("GET", "/api/v1/session", nil, "Cookie", cookie)
	if g.Status != 200 || g.JSON(t)["csrfToken"] != csrf || g.JSON(t)["user"].(map[string]any)["name"] != "alice" {
		t.Fatalf("GET /api/v1/session: %d %s", g.Status, g.Body)
	}
	wantError(t, s.req("GET", "/api/v1/session", nil), 401, "TARSUS_UNAUTHORIZED", "sign in")

	// The cookie works only with the CSRF header.
	if r := s.req("GET", "/api/v1/me", nil, "Cookie", cookie, "X-CSRF-Token", csrf); r.Status != 200 {
		t.Fatalf("GET /me with cookie and CSRF: %d %s", r.Status, r.Body)
	}
	wantError(t, s.req("GET", "/api/v1/me", nil, "Cookie", cookie), 403, "TARSUS_CSRF", "X-CSRF-Token")
	wantError(t, s.req("POST", "/api/v1/runtimes/drop", nil, "Cookie", cookie), 403, "TARSUS_CSRF")
	wantError(t, s.req("POST", "/api/v1/runtimes/drop", nil, "Cookie", cookie, "X-CSRF-Token", csrf+"x"), 403, "TARSUS_CSRF")
	wantError(t, s.req("PUT", "/api/v1/functions/x.ts", []byte(`export default [{}, () => 1]`), "Cookie", cookie), 403, "TARSUS_CSRF")
	if r := s.req("POST", "/api/v1/runtimes/drop", nil, "Cookie", cookie, "X-CSRF-Token", csrf); r.Status != 200 {
		t.Fatalf("POST with cookie and CSRF: %d %s", r.Status, r.Body)
	}
	// The log list (and EventSource's stream) is a read without side
	// effect: the cookie alone will do.
	if r := s.req("GET", "/api/v1/logs", nil, "Cookie", cookie); r.Status != 200 {
		t.Fatalf("GET /logs with the cookie: %d %s", r.Status, r.Body)
	}
	// The session is listed as such.
	var toks []tokenInfo
	_ = json.Unmarshal(s.req("GET", "/api/v1/tokens", nil, "Cookie", cookie, "X-CSRF-Token", csrf).Body, &toks)
	found := false
	for _, ti := range toks {
		if ti.Current {
			found = ti.Kind == "session" && ti.Name == "console session" && ti.ExpiresAt != nil
		}
	}
	if !found {
		t.Fatalf("the session in the token list: %+v", toks)
	}

	// A password change through the session renews the cookie.
	pc := s.req("PUT", "/api/v1/me/password", jsonBody(map[string]string{"current": "password-alice", "new": "new-password-1"}),
		"Cookie", cookie, "X-CSRF-Token", csrf, "Content-Type", "application/json")
	if pc.Status != 200 || pc.JSON(t)["csrfToken"] == nil || pc.JSON(t)["token"] != nil {
		t.Fatalf("password change via the session: %d %s", pc.Status, pc.Body)
	}
	wantError(t, s.req("GET", "/api/v1/me", nil, "Cookie", cookie, "X-CSRF-Token", csrf), 401, "TARSUS_UNAUTHORIZED")
	cookie, _, _ = strings.Cut(pc.Header.Get("Set-Cookie"), ";")
	csrf = pc.JSON(t)["csrfToken"].(string)

	// Logout revokes the session and clears the cookie.
	wantError(t, s.req("POST", "/api/v1/logout", nil, "Cookie", cookie), 403, "TARSUS_CSRF")
	lo := s.req("POST", "/api/v1/logout", nil, "Cookie", cookie, "X-CSRF-Token", csrf)
	if lo.Status != 204 {
		t.Fatalf("logout: %d %s", lo.Status, lo.Body)
	}
	if ca := cookieAttrs(lo.Header.Get("Set-Cookie")); ca["@name"] != "tarsus_session" || ca["@value"] != "" || ca["path"] != "/api/" {
		t.Fatalf("logout's Set-Cookie %q does not clear the cookie", lo.Header.Get("Set-Cookie"))
	}
	wantError(t, s.req("GET", "/api/v1/me", nil, "Cookie", cookie, "X-CSRF-Token", csrf), 401, "TARSUS_UNAUTHORIZED")

	// Bearer tokens need no CSRF header.
	tok := s.login("alice", "new-password-1").JSON(t)["token"].(string)
	if r := s.do("POST", "/api/v1/runtimes/drop", tok, "", nil); r.Status != 200 {
		t.Fatalf("bearer POST: %d %s", r.Status, r.Body)
	}
	// Session sign-in is throttled like login.
	for range 5 {
		r := s.req("POST", "/api/v1/session", jsonBody(map[string]string{"name": "alice", "password": "nope-nope"}), "Content-Type", "application/json")
		wantError(t, r, 401, "TARSUS_BAD_CREDENTIALS")
	}
	r = s.req("POST", "/api/v1/session", jsonBody(map[string]string{"name": "alice", "password": "new-password-1"}), "Content-Type", "application/json")
	wantError(t, r, 429, "TARSUS_TOO_MANY_LOGINS")
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}

func TestMetricsNeedToken(t *testing.T) {
	s := &server{Server: testserver.Start(t, testserver.Options{MetricsToken: "scrape-me"}), t: t}
	alice := s.createUser("alice")
	wantError(t, s.do("GET", "/metrics", "", "", nil), 401, "TARSUS_UNAUTHORIZED", "--metrics-addr")
	wantError(t, s.do("GET", "/metrics", "not-a-token", "", nil), 401, "TARSUS_UNAUTHORIZED")
	wantError(t, s.do("GET", "/metrics", alice, "", nil), 403, "TARSUS_FORBIDDEN")
	for _, tok := range []string{adminToken, "scrape-me"} {
		if r := s.do("GET", "/metrics", tok, "", nil); r.Status != 200 || !strings.Contains(string(r.Body), "tarsus_warm_runtimes") {
			t.Fatalf("/metrics with %s: %d", tok, r.Status)
		}
	}
}
