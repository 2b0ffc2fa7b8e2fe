package client

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// Schedule is a route with opts.config.schedule (GET /api/v1/schedules).
type Schedule struct {
	Path     string `json:"path"`
	Route    string `json:"route"`
	Schedule string `json:"schedule"`
	Next     string `json:"next,omitempty"`    // RFC 3339, UTC
	LastRun  string `json:"lastRun,omitempty"` // since the server started
	Runs     int64  `json:"runs"`
	Skipped  int64  `json:"skipped"`
	Running  bool   `json:"running,omitempty"`
}

// Schedules lists the user's scheduled routes with their next run.
func (c *Client) Schedules(ctx context.Context) ([]Schedule, error) {
	var out []Schedule
	if err := c.call(ctx, http.MethodGet, "/schedules", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Key is an invocation key as listed (never its secret).
type Key struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Routes    []string `json:"routes,omitempty"`
	CreatedAt string   `json:"createdAt,omitempty"`
	ExpiresAt string   `json:"expiresAt,omitempty"`
}

// NewKey is a key just made: Key is its secret, shown once.
type NewKey struct {
	Key
	Secret string `json:"key"`
}

// KeyOptions describe a key to make.
type KeyOptions struct {
	Name string
	// Routes limits the key to routes matching these patterns
	// ("orders/*"). Optional: all routes.
	Routes []string
	// ExpiresAt is when the key stops working. Optional: never.
	ExpiresAt time.Time
}

// CreateKey makes an invocation key.
func (c *Client) CreateKey(ctx context.Context, o KeyOptions) (*NewKey, error) {
	in := map[string]any{"name": o.Name}
	if len(o.Routes) > 0 {
		in["routes"] = o.Routes
	}
	if !o.ExpiresAt.IsZero() {
		in["expiresAt"] = o.ExpiresAt.UTC().Format(time.RFC3339)
	}
	var out NewKey
	if err := c.call(ctx, http.MethodPost, "/keys", nil, true, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Keys lists the user's invocation keys.
func (c *Client) Keys(ctx context.Context) ([]Key, error) {
	var out []Key
	if err := c.call(ctx, http.MethodGet, "/keys", nil, true, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// RevokeKey deletes an invocation key by its id.
func (c *Client) RevokeKey(ctx context.Context, id string) error {
	return c.call(ctx, http.MethodDelete, "/keys/"+url.PathEscape(id), nil, true, nil, nil)
}
