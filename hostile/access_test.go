package hostile_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

func jsonOf(v any) []byte { b, _ := json.Marshal(v); return b }

func (s *server) login(name, password string, extra ...any) resp {
	s.t.Helper()
	in := map[string]any{"name": name, "password": password}
	for i := 0; i+1 < len(extra); i += 2 {
		in[extra[i].(string)] = extra[i+1]
	}
	return s.request("POST", "/api/v1/login", jsonOf(in), "Content-Type", "application/json")
}

// clean fails unless r is the error status and code in Fastify's shape,
// with a message.
func clean(t testing.TB, r resp, status int, code string) {
	t.Helper()
	if r.Err != nil || r.Status != status || r.code() != code {
		t.Fatalf("got %d %s (%v), want %d %s", r.Status, r.Body, r.Err, status, code)
	}
	m := r.JSON(t)
	if m["statusCode"] != float64(status) || m["error"] == "" || m["message"] == "" {
		t.Fatalf("not Fastify's error shape: %s", r.Body)
	}
}

// TestAttackPasswordGuessing: 40 wrong passwords in a row for one account
// are throttled (429 with Retry-After, no bcrypt run), while another user
// logs in from the same address with the right password, and a second
// tenant's calls stay fast.
func TestAttackPasswordGuessing(t *testing.T) {
	s := start(t, testserver.Options{})
	s.createUser("alice")
	s.createUser("bob")
	v := newVictim(s, 4)
	v.during(func() {
		var throttled int
		for i := range 40 {
			if i%10 == 5 {
				if r := s.login("bob", "password-bob"); r.Status != 200 {
					t.Fatalf("bob's right password during the attack on alice: %d %s", r.Status, r.Body)
				}
			}
			r := s.login("alice", "guess-"+strconv.Itoa(i))
			within(t, r, 15*time.Second, "a wrong login (the wait for a check slot, then one check)")
			switch {
			case i < 5 || r.Status == 401:
				// The first five are checked; later, one more may be
				// when bob's login (a bcrypt on a loaded machine)
				// outlasts alice's lockout, which then doubles.
				clean(t, r, 401, "TARSUS_BAD_CREDENTIALS")
			default:
				clean(t, r, 429, "TARSUS_TOO_MANY_LOGINS")
				if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra < 1 {
					t.Fatalf("429 without a Retry-After in seconds: %q", r.Header.Get("Retry-After"))
				}
				if !strings.Contains(r.JSON(t)["message"].(string), "try again in") {
					t.Fatalf("the message does not say when to retry: %s", r.Body)
				}
				throttled++
			}
		}
		if throttled < 31 {
			t.Fatalf("%d of 40 guesses throttled, want 35 (31 on a machine too slow for a 1 s lockout)", throttled)
		}
		// The right password waits out the lockout too: it is not a way in.
		clean(t, s.login("alice", "password-alice"), 429, "TARSUS_TOO_MANY_LOGINS")
	})
	s.alive()
}

// TestAttackLoginFlood: 200 logins at once, each a different name: at
// most 20 get a password check (the address's limit), and those run on a
// quarter of the CPUs at most, so the CPU they take cannot slow a second
// tenant down.
func TestAttackLoginFlood(t *testing.T) {
	s := start(t, testserver.Options{})
	v := newVictim(s, 4)
	v.during(func() {
		var wg sync.WaitGroup
		results := make([]resp, 200)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = s.login("flood"+strconv.Itoa(i), "wrong-password")
			}()
		}
		wg.Wait()
		checked := 0
		for _, r := range results {
			switch r.Status {
			case 401:
				checked++
				clean(t, r, 401, "TARSUS_BAD_CREDENTIALS")
			case 429:
				clean(t, r, 429, "TARSUS_TOO_MANY_LOGINS")
			case 503:
				clean(t, r, 503, "TARSUS_BUSY")
			default:
				t.Fatalf("a flooded login got %d %s (%v)", r.Status, r.Body, r.Err)
			}
			// At most the wait for a check slot (3 s) and one check
			// (bcrypt: ~0.1 s; several seconds under -race on a loaded
			// 2-core machine).
			within(t, r, 15*time.Second, "a flooded login")
		}
		if checked > 20 {
			t.Fatalf("%d of 200 flooded logins had their password checked; the address allows 20", checked)
		}
	})
	s.alive()
}

// TestAttackNameSpraying: one address trying a password on many names is
// locked after 20 failures, whatever the names.
func TestAttackNameSpraying(t *testing.T) {
	s := start(t, testserver.Options{})
	s.createUser("alice")
	for i := range 20 {
		clean(t, s.login("user"+strconv.Itoa(i), "Winter2026!"), 401, "TARSUS_BAD_CREDENTIALS")
	}
	for i := 20; i < 60; i++ {
		r := s.login("user"+strconv.Itoa(i), "Winter2026!")
		clean(t, r, 429, "TARSUS_TOO_MANY_LOGINS")
		within(t, r, 500*time.Millisecond, "a throttled login (no password check)")
	}
	s.alive()
}

// TestAttackStolenTokenRevoked: a revoked token is refused at once, by the
// next request.
func TestAttackStolenTokenRevoked(t *testing.T) {
	s := start(t, testserver.Options{})
	first := s.createUser("alice")
	r := s.login("alice", "password-alice", "label", "stolen laptop")
	stolen := r.JSON(t)["token"].(string)
	id := r.JSON(t)["id"].(string)
	if r := s.request("GET", "/api/v1/me", nil, "Authorization", "Bearer "+stolen); r.Status != 200 {
		t.Fatalf("the token before revocation: %d", r.Status)
	}
	if r := s.request("DELETE", "/api/v1/tokens/"+id, nil, "Authorization", "Bearer "+first); r.Status != 204 {
		t.Fatalf("revoke: %d %s", r.Status, r.Body)
	}
	clean(t, s.request("GET", "/api/v1/me", nil, "Authorization", "Bearer "+stolen), 401, "TARSUS_UNAUTHORIZED")
	clean(t, s.deploy(stolen, "x.ts", `export default [{}, () => 1]`), 401, "TARSUS_UNAUTHORIZED")
	s.alive()
}

// TestAttackExpiredToken: a token past its expiry is refused.
func TestAttackExpiredToken(t *testing.T) {
	s := start(t, testserver.Options{})
	s.createUser("alice")
	tok := s.login("alice", "password-alice", "expiresIn", 1).JSON(t)["token"].(string)
	deadline := time.Now().Add(3 * time.Second)
	var r resp
	for {
		r = s.request("GET", "/api/v1/me", nil, "Authorization", "Bearer "+tok)
		if r.Status != 200 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond) // polling interval
	}
	clean(t, r, 401, "TARSUS_TOKEN_EXPIRED")
	s.alive()
}

// browser is an HTTP client with a cookie jar, as a browser holds the
// console's session.
func browser(t testing.TB) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second}
}

func send(t testing.TB, c *http.Client, method, u string, body []byte, headers ...string) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header
}

// TestAttackCSRF: a state-changing request that carries the console's
// session cookie but not its CSRF header (what a forged form or fetch
// sends) is refused and changes nothing.
func TestAttackCSRF(t *testing.T) {
	s := start(t, testserver.Options{})
	s.createUser("alice")
	b := browser(t)
	st, body, _ := send(t, b, "POST", s.URL+"/api/v1/session", jsonOf(map[string]string{"name": "alice", "password": "password-alice"}), "Content-Type", "application/json")
	if st != 200 {
		t.Fatalf("sign in: %d %s", st, body)
	}
	var sess struct{ CSRFToken string }
	_ = json.Unmarshal(body, &sess)
	forged := []struct{ method, path, body string }{
		{"PUT", "/api/v1/functions/evil.ts", `export default [{}, () => "pwned"]`},
		{"POST", "/api/v1/users", `{"name":"mallory","password":"password-mallory","role":"admin"}`},
		{"PUT", "/api/v1/me/password", `{"current":"password-alice","new":"attacker-chose"}`},
		{"POST", "/api/v1/logout", ``},
		{"DELETE", "/api/v1/tokens/current", ``},
	}
	for _, f := range forged {
		st, body, _ := send(t, b, f.method, s.URL+f.path, []byte(f.body), "Content-Type", "application/json")
		r := resp{Status: st, Body: body}
		clean(t, r, 403, "TARSUS_CSRF")
	}
	// Nothing changed: no function, the session and password still work.
	st, body, _ = send(t, b, "GET", s.URL+"/api/v1/functions", nil, "X-CSRF-Token", sess.CSRFToken)
	if st != 200 || strings.Contains(string(body), "evil") {
		t.Fatalf("after the forged requests: %d %s", st, body)
	}
	if r := s.login("alice", "password-alice"); r.Status != 200 {
		t.Fatalf("alice's password changed: %d", r.Status)
	}
	s.alive()
}

// TestAttackFunctionReadsSession: a tenant's function served on the
// console's origin cannot get the session: the cookie is HttpOnly (no
// script reads it), SameSite=Strict, and scoped to /api/, so a call to the
// function does not even send it to the tenant's code.
func TestAttackFunctionReadsSession(t *testing.T) {
	s := start(t, testserver.Options{})
	mallory := s.createUser("mallory")
	s.mustDeploy(mallory, "spy.ts", `export default [{}, async (req: any, reply: any) => {
  reply.type("text/html");
  return "<script>fetch('/mallory/steal?c=' + document.cookie)</script>" + JSON.stringify({ cookie: req.headers.cookie ?? null });
}];`)
	b := browser(t)
	// The admin signs in to the console (the admin account's password is
	// set here by a reset through the admin token).
	if r := s.request("PUT", "/api/v1/users/admin/password", jsonOf(map[string]string{"password": "admin-password"}), "Authorization", "Bearer "+s.AdminToken, "Content-Type", "application/json"); r.Status != 204 {
		t.Fatalf("admin password reset: %d %s", r.Status, r.Body)
	}
	st, body, h := send(t, b, "POST", s.URL+"/api/v1/session", jsonOf(map[string]string{"name": "admin", "password": "admin-password"}), "Content-Type", "application/json")
	if st != 200 {
		t.Fatalf("admin sign in: %d %s", st, body)
	}
	sc := h.Get("Set-Cookie")
	attrs := map[string]bool{}
	for _, p := range strings.Split(sc, ";") {
		attrs[strings.ToLower(strings.TrimSpace(p))] = true
	}
	if !attrs["httponly"] || !attrs["samesite=strict"] || !attrs["path=/api/"] {
		t.Fatalf("the session cookie is readable or sent beyond the API: %q", sc)
	}
	if strings.Contains(string(body), "tsk_") {
		t.Fatalf("the sign-in answer carries the token: %s", body)
	}
	// The admin's browser calls mallory's function: the cookie stays home.
	st, body, _ = send(t, b, "POST", s.URL+"/mallory/spy", []byte(`{}`), "Content-Type", "application/json")
	if st != 200 || !strings.Contains(string(body), `{"cookie":null}`) {
		t.Fatalf("the function saw: %d %s", st, body)
	}
	u, _ := url.Parse(s.URL + "/api/v1/me")
	if len(b.Jar.Cookies(u)) != 1 {
		t.Fatalf("the browser holds no session for the API")
	}
	s.alive()
}

// TestAttackLongPassword: a password over bcrypt's 72 bytes is a 400 that
// names the limit (it was a 500), wherever a password goes.
func TestAttackLongPassword(t *testing.T) {
	s := start(t, testserver.Options{})
	tok := s.createUser("alice")
	long := strings.Repeat("a", 73)
	admin := []string{"Authorization", "Bearer " + s.AdminToken, "Content-Type", "application/json"}
	for _, r := range []resp{
		s.request("POST", "/api/v1/users", jsonOf(map[string]string{"name": "bob", "password": long}), admin...),
		s.login("alice", long),
		s.request("PUT", "/api/v1/me/password", jsonOf(map[string]string{"current": "password-alice", "new": long}), "Authorization", "Bearer "+tok, "Content-Type", "application/json"),
		s.request("PUT", "/api/v1/users/alice/password", jsonOf(map[string]string{"password": long}), admin...),
		s.login("alice", strings.Repeat("a", 4096)),
	} {
		clean(t, r, 400, "TARSUS_BAD_PASSWORD")
		if !strings.Contains(string(r.Body), "72") {
			t.Fatalf("the message does not name the limit: %s", r.Body)
		}
	}
	s.alive()
}

// TestAttackMetricsAnonymous: /metrics (every user's function names and
// call counts) is not for strangers or tenants.
func TestAttackMetricsAnonymous(t *testing.T) {
	s := start(t, testserver.Options{})
	tok := s.createUser("alice")
	clean(t, s.request("GET", "/metrics", nil), 401, "TARSUS_UNAUTHORIZED")
	clean(t, s.request("GET", "/metrics", nil, "Authorization", "Bearer "+tok), 403, "TARSUS_FORBIDDEN")
	if r := s.request("GET", "/metrics", nil, "Authorization", "Bearer "+s.AdminToken); r.Status != 200 {
		t.Fatalf("admin: %d", r.Status)
	}
}
