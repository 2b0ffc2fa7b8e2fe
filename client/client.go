package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// Config configures a Client.
type Config struct {
	// URL is the server's base URL, e.g. "http://localhost:3401". Required.
	URL string
	// Token is the API token sent as "Authorization: Bearer <token>" on
	// management calls (never on Invoke). Optional: Login and Health need
	// none.
	Token string
	// As makes function, deploy, manifest, log, stats and deployment calls
	// act on another user (?user=; the server allows it to admins only).
	// Optional. Default: the token's own user.
	As string
	// Via labels the deployments this client makes ("push", "console" or
	// "api"; header X-Tarsus-Via). Optional. Default: unset, the server
	// records "api".
	Via string
	// HTTPClient sends the requests. Bound calls with their context: a
	// client-wide Timeout would also cut FollowLogs streams.
	// Optional. Default: a client without a timeout, with its own
	// connection pool (see Close).
	HTTPClient *http.Client
	// UserAgent is sent on every request. Optional. Default: "tarsus-client".
	UserAgent string
}

// Client talks to one Tarsus server. It is safe for concurrent use.
type Client struct {
	base *url.URL
	cfg  Config
	hc   *http.Client
	mu   sync.Mutex // guards cfg.Token (ChangePassword replaces it)
}

// New returns a client for cfg.URL.
func New(cfg Config) (*Client, error) {
	u, err := ParseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.HTTPClient == nil {
		t, ok := http.DefaultTransport.(*http.Transport)
		if ok {
			t = t.Clone()
		} else {
			t = &http.Transport{Proxy: http.ProxyFromEnvironment}
		}
		cfg.HTTPClient = &http.Client{Transport: t}
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "tarsus-client"
	}
	return &Client{base: u, cfg: cfg, hc: cfg.HTTPClient}, nil
}

// ParseURL checks a server URL and returns it without a trailing slash,
// query or fragment. A URL without a scheme gets "http://".
func ParseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, errors.New("no server URL: give one such as http://localhost:3401")
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("server URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("server URL %q: the scheme must be http or https", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("server URL %q has no host", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// Close closes the client's idle connections. Call it when done: a
// connection the transport opened but never used would otherwise stay open
// and hold up the server's graceful shutdown.
func (c *Client) Close() { c.hc.CloseIdleConnections() }

// URL returns the server's base URL, without a trailing slash.
func (c *Client) URL() string { return c.base.String() }

// Problem is one problem of a failed deploy, at a position in a file.
type Problem struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`   // 1-based; 0 without a position
	Column int    `json:"column,omitempty"` // 1-based; 0 without a position
	Text   string `json:"text"`
	Code   string `json:"code,omitempty"`
}

// Error is an error answer of the API.
type Error struct {
	StatusCode int       `json:"statusCode"`
	Code       string    `json:"code,omitempty"` // e.g. "TARSUS_BUILD"; empty for plain 404s
	Message    string    `json:"message"`
	Problems   []Problem `json:"errors,omitempty"`
}

func (e *Error) Error() string {
	code := e.Code
	if code == "" {
		code = http.StatusText(e.StatusCode)
	}
	return fmt.Sprintf("%s (HTTP %d %s)", e.Message, e.StatusCode, code)
}

// IsStatus reports whether err is an *Error with the given HTTP status.
func IsStatus(err error, status int) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == status
}

// endpoint builds base + /api/v1 + p (segments already escaped) + query.
func (c *Client) endpoint(p string, q url.Values, target bool) string {
	u := *c.base
	if target && c.cfg.As != "" {
		if q == nil {
			q = url.Values{}
		}
		q.Set("user", c.cfg.As)
	}
	s := u.String() + "/api/v1" + p
	if len(q) > 0 {
		s += "?" + q.Encode()
	}
	return s
}

// escapePath escapes each segment of a slash-separated file path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func (c *Client) newRequest(ctx context.Context, method, u string, body io.Reader, auth bool) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	c.mu.Lock()
	tok := c.cfg.Token
	c.mu.Unlock()
	if auth && tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req, nil
}

// send performs req and decodes a 2xx JSON answer into out (when non-nil),
// or returns the API error.
func (c *Client) send(req *http.Request, out any) error {
	res, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return readError(res)
	}
	if out == nil || res.StatusCode == http.StatusNoContent {
		_, _ = io.Copy(io.Discard, res.Body)
		return nil
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		return fmt.Errorf("%s %s: decoding the answer: %w", req.Method, req.URL.Path, err)
	}
	return nil
}

// readError turns a non-2xx answer into an *Error.
func readError(res *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	e := &Error{}
	if json.Unmarshal(b, e) != nil || e.Message == "" {
		msg := strings.TrimSpace(string(b))
		if len(msg) > 200 {
			msg = msg[:200] + "…"
		}
		if msg == "" {
			msg = http.StatusText(res.StatusCode)
		}
		e = &Error{Message: msg}
	}
	e.StatusCode = res.StatusCode
	return e
}

// call sends a JSON request (in may be nil) to an /api/v1 path.
func (c *Client) call(ctx context.Context, method, p string, q url.Values, target bool, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := c.newRequest(ctx, method, c.endpoint(p, q, target), body, true)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.send(req, out)
}

// Health checks GET /healthz and returns the server's version.
func (c *Client) Health(ctx context.Context) (string, error) {
	req, err := c.newRequest(ctx, http.MethodGet, c.base.String()+"/healthz", nil, false)
	if err != nil {
		return "", err
	}
	var out struct {
		Status  string `json:"status"`
		Version string `json:"version"`
	}
	if err := c.send(req, &out); err != nil {
		return "", err
	}
	return out.Version, nil
}

// Login exchanges a name and password for an API token.
func (c *Client) Login(ctx context.Context, name, password string) (*Login, error) {
	var out Login
	err := c.call(ctx, http.MethodPost, "/login", nil, false, map[string]string{"name": name, "password": password}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// LoginWith is Login with a label and a lifetime for the token.
func (c *Client) LoginWith(ctx context.Context, name, password string, o LoginOptions) (*Login, error) {
	in := map[string]any{"name": name, "password": password}
	if o.Label != "" {
		in["label"] = o.Label
	}
	if o.ExpiresIn > 0 {
		in["expiresIn"] = o.ExpiresIn.String()
	}
	var out Login
	if err := c.call(ctx, http.MethodPost, "/login", nil, false, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Logout revokes the client's own token on the server.
func (c *Client) Logout(ctx context.Context) error {
	return c.call(ctx, http.MethodPost, "/logout", nil, false, nil, nil)
}

// Tokens lists the user's tokens (Config.As: another user's, for admins).
func (c *Client) Tokens(ctx context.Context) ([]Token, error) {
	var out []Token
	if err := c.call(ctx, http.MethodGet, "/tokens", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// RevokeToken revokes one of the user's tokens by its id (Config.As:
// another user's, for admins).
func (c *Client) RevokeToken(ctx context.Context, id string) error {
	return c.call(ctx, http.MethodDelete, "/tokens/"+url.PathEscape(id), nil, true, nil, nil)
}

// ChangePassword changes the token's user's password. Every token of the
// user is revoked, this client's too: the answer is its replacement, which
// the client uses from then on.
func (c *Client) ChangePassword(ctx context.Context, current, next string) (*NewToken, error) {
	var out NewToken
	if err := c.call(ctx, http.MethodPut, "/me/password", nil, false, map[string]string{"current": current, "new": next}, &out); err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.cfg.Token = out.Token
	c.mu.Unlock()
	return &out, nil
}

// SetPassword sets another user's password (admin only); every token of
// theirs is revoked.
func (c *Client) SetPassword(ctx context.Context, user, password string) error {
	return c.call(ctx, http.MethodPut, "/users/"+url.PathEscape(user)+"/password", nil, false, map[string]string{"password": password}, nil)
}

// Me returns the token's user.
func (c *Client) Me(ctx context.Context) (*User, error) {
	var out User
	if err := c.call(ctx, http.MethodGet, "/me", nil, false, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateUser creates an account (admin only). role may be "" (the server's
// default, "user") or "admin".
func (c *Client) CreateUser(ctx context.Context, name, password, role string) (*NewUser, error) {
	in := map[string]string{"name": name, "password": password}
	if role != "" {
		in["role"] = role
	}
	var out NewUser
	if err := c.call(ctx, http.MethodPost, "/users", nil, false, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Users lists the accounts (admin only).
func (c *Client) Users(ctx context.Context) ([]User, error) {
	var out []User
	if err := c.call(ctx, http.MethodGet, "/users", nil, false, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteUser deletes an account and its functions (admin only).
func (c *Client) DeleteUser(ctx context.Context, name string) error {
	return c.call(ctx, http.MethodDelete, "/users/"+url.PathEscape(name), nil, false, nil, nil)
}

// Functions lists the user's stored files, sorted by path.
func (c *Client) Functions(ctx context.Context) ([]Function, error) {
	var out []Function
	if err := c.call(ctx, http.MethodGet, "/functions", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Function returns one stored file with its source.
func (c *Client) Function(ctx context.Context, path string) (*Function, error) {
	var out Function
	if err := c.call(ctx, http.MethodGet, "/functions/"+escapePath(path), nil, true, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PutFunction deploys one file from its source (the server bundles it;
// npm packages cannot be resolved there).
func (c *Client) PutFunction(ctx context.Context, path string, source []byte) (*PutResult, error) {
	req, err := c.newRequest(ctx, http.MethodPut, c.endpoint("/functions/"+escapePath(path), nil, true), bytes.NewReader(source), true)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	c.setVia(req)
	var out PutResult
	if err := c.send(req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteFunction removes one file in a new deployment.
func (c *Client) DeleteFunction(ctx context.Context, path string) (*DeployResult, error) {
	req, err := c.newRequest(ctx, http.MethodDelete, c.endpoint("/functions/"+escapePath(path), nil, true), nil, true)
	if err != nil {
		return nil, err
	}
	c.setVia(req)
	var out DeployResult
	if err := c.send(req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) setVia(req *http.Request) {
	if c.cfg.Via != "" {
		req.Header.Set("X-Tarsus-Via", c.cfg.Via)
	}
}

// Manifest returns the hashes of the user's live files.
func (c *Client) Manifest(ctx context.Context) (Manifest, error) {
	out := Manifest{}
	if err := c.call(ctx, http.MethodGet, "/manifest?detail=true", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Deployments lists the user's deployments, newest first.
func (c *Client) Deployments(ctx context.Context) ([]Deployment, error) {
	var out []Deployment
	if err := c.call(ctx, http.MethodGet, "/deployments", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Rollback makes a new deployment whose tree is that of deployment id.
func (c *Client) Rollback(ctx context.Context, id string) (*DeployResult, error) {
	var out DeployResult
	if err := c.call(ctx, http.MethodPost, "/deployments/"+url.PathEscape(id)+"/rollback", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Stats returns the user's counters.
func (c *Client) Stats(ctx context.Context) (*Stats, error) {
	var out Stats
	if err := c.call(ctx, http.MethodGet, "/stats", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DropRuntimes drops the user's idle runtimes and returns how many.
func (c *Client) DropRuntimes(ctx context.Context) (int, error) {
	var out struct {
		Dropped int `json:"dropped"`
	}
	if err := c.call(ctx, http.MethodPost, "/runtimes/drop", nil, true, nil, &out); err != nil {
		return 0, err
	}
	return out.Dropped, nil
}

func (q LogQuery) values() url.Values {
	v := url.Values{}
	if q.Fn != "" {
		v.Set("fn", q.Fn)
	}
	if q.Since != "" {
		v.Set("since", q.Since)
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	return v
}

// Logs returns the user's log records matching q, oldest first.
func (c *Client) Logs(ctx context.Context, q LogQuery) ([]LogRecord, error) {
	var out []LogRecord
	if err := c.call(ctx, http.MethodGet, "/logs", q.values(), true, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}
