package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// EnvVar is one environment variable as listed: a secret has no Value.
type EnvVar struct {
	Name      string  `json:"name"`
	Value     *string `json:"value,omitempty"`
	Secret    bool    `json:"secret"`
	UpdatedAt string  `json:"updatedAt,omitempty"`
}

// KVKey is one key of a KV listing.
type KVKey struct {
	Name      string `json:"name"`
	ExpiresAt string `json:"expiresAt,omitempty"`
}

// KVPage is one page of a KV listing; Cursor continues it ("" at the end).
type KVPage struct {
	Keys   []KVKey `json:"keys"`
	Cursor string  `json:"cursor,omitempty"`
}

// Env lists the user's environment variables and secrets (Config.As:
// another user's, for admins); secrets come without their value.
func (c *Client) Env(ctx context.Context) ([]EnvVar, error) {
	var out []EnvVar
	if err := c.call(ctx, http.MethodGet, "/env", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SetEnv sets an environment variable, or a secret.
func (c *Client) SetEnv(ctx context.Context, name, value string, secret bool) error {
	in := map[string]any{"value": value, "secret": secret}
	return c.call(ctx, http.MethodPut, "/env/"+url.PathEscape(name), nil, true, in, nil)
}

// DeleteEnv removes an environment variable or secret.
func (c *Client) DeleteEnv(ctx context.Context, name string) error {
	return c.call(ctx, http.MethodDelete, "/env/"+url.PathEscape(name), nil, true, nil, nil)
}

// KVGet returns a key's value.
func (c *Client) KVGet(ctx context.Context, key string) ([]byte, error) {
	req, err := c.newRequest(ctx, http.MethodGet, c.endpoint("/kv/"+url.PathEscape(key), nil, true), nil, true)
	if err != nil {
		return nil, err
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, readError(res)
	}
	// A value has at most 1 MiB; read a little more to notice a server
	// that sends more.
	return io.ReadAll(io.LimitReader(res.Body, 2<<20))
}

// KVPut writes a key; ttl 0: it never expires.
func (c *Client) KVPut(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	var q url.Values
	if ttl > 0 {
		q = url.Values{"ttl": {strconv.FormatFloat(ttl.Seconds(), 'f', -1, 64)}}
	}
	req, err := c.newRequest(ctx, http.MethodPut, c.endpoint("/kv/"+url.PathEscape(key), q, true), bytes.NewReader(value), true)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	return c.send(req, nil)
}

// KVDelete deletes a key (a missing key is not an error).
func (c *Client) KVDelete(ctx context.Context, key string) error {
	return c.call(ctx, http.MethodDelete, "/kv/"+url.PathEscape(key), nil, true, nil, nil)
}

// KVList lists keys starting with prefix, one page (limit 0: the
// server's default of 1000) after cursor.
func (c *Client) KVList(ctx context.Context, prefix, cursor string, limit int) (*KVPage, error) {
	q := url.Values{}
	if prefix != "" {
		q.Set("prefix", prefix)
	}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	var out KVPage
	if err := c.call(ctx, http.MethodGet, "/kv", q, true, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
