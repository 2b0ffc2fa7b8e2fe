package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxEvent bounds one server-sent event (a log record).
const maxEvent = 4 << 20

// FollowLogs streams the user's log records matching q: first the recent
// ones (as Logs returns them), then each new one as it is written. It calls
// fn for each record and returns when ctx ends (with ctx.Err()), when fn
// returns an error (that error), or when the server closes the stream.
func (c *Client) FollowLogs(ctx context.Context, q LogQuery, fn func(LogRecord) error) error {
	v := q.values()
	v.Set("follow", "true")
	req, err := c.newRequest(ctx, http.MethodGet, c.endpoint("/logs", v, true), nil, true)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/event-stream")
	res, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return readError(res)
	}
	err = readEvents(res.Body, func(data []byte) error {
		var r LogRecord
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("log stream: bad record %q: %w", data, err)
		}
		return fn(r)
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err == nil {
		return errors.New("log stream: the server closed the connection")
	}
	return err
}

// readEvents parses a text/event-stream and calls fn with the data of each
// event (multi-line data joined by "\n"); comments and other fields are
// skipped. It returns nil at the end of the stream.
func readEvents(r io.Reader, fn func(data []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxEvent)
	var data []byte
	have := false
	for sc.Scan() {
		line := sc.Bytes()
		switch {
		case len(line) == 0:
			if have {
				if err := fn(data); err != nil {
					return err
				}
			}
			data, have = data[:0], false
		case line[0] == ':':
		case bytes.HasPrefix(line, []byte("data:")):
			v := bytes.TrimPrefix(line[5:], []byte(" "))
			if have {
				data = append(data, '\n')
			}
			data = append(data, v...)
			have = true
		}
	}
	return sc.Err()
}

// InvokeRequest calls one function.
type InvokeRequest struct {
	// User owns the function; Route is its route ("orders/create").
	User, Route string
	// Body is sent as is; with a body and no Content-Type in Header,
	// "application/json" is sent.
	Body []byte
	// Header holds extra request headers. Optional.
	Header http.Header
	// Query is appended to the URL ("a=1&b=2"). Optional.
	Query string
}

// InvokeResult is a function's answer; any HTTP status is a result, not an
// error.
type InvokeResult struct {
	Status int
	Header http.Header
	Body   []byte
	// Duration is the round trip as the client measured it.
	Duration time.Duration
	// ServerMs is the server's own time for the call (wait + run, header
	// x-tarsus-duration-ms), or -1 when the answer does not say.
	ServerMs float64
	// Cold reports that the call started a new runtime (x-tarsus-cold: 1).
	Cold bool
}

// Invoke calls POST /<user>/<route>. The API token is not sent: functions
// are public and must never see it.
func (c *Client) Invoke(ctx context.Context, in InvokeRequest) (*InvokeResult, error) {
	route := strings.TrimPrefix(in.Route, "/")
	if in.User == "" || route == "" {
		return nil, errors.New("invoke: give a user and a route")
	}
	u := c.base.String() + "/" + escapePath(in.User) + "/" + escapePath(route)
	if in.Query != "" {
		u += "?" + strings.TrimPrefix(in.Query, "?")
	}
	req, err := c.newRequest(ctx, http.MethodPost, u, bytes.NewReader(in.Body), false)
	if err != nil {
		return nil, err
	}
	for k, vs := range in.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if len(in.Body) > 0 && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	res, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	dur := time.Since(start)
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	out := &InvokeResult{Status: res.StatusCode, Header: res.Header, Body: body, Duration: dur, ServerMs: -1}
	if v := res.Header.Get("X-Tarsus-Duration-Ms"); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			out.ServerMs = f
		}
	}
	out.Cold = res.Header.Get("X-Tarsus-Cold") == "1"
	return out, nil
}
