package client

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
)

// Upload is one file of a deploy.
type Upload struct {
	// Path is the file's slash-separated path relative to the functions
	// folder, e.g. "orders/create.ts" or "_lib/db.ts".
	Path string
	// Source is the file's text.
	Source []byte
	// Bundle and Map, for a route, are its bundle and source map built on
	// the client (bundler.BuildDir, which resolves npm packages). Optional:
	// without them the server bundles the source itself.
	Bundle, Map []byte
}

// DeployRequest is one atomic deploy.
type DeployRequest struct {
	Files []Upload
	// Keep lists live paths that stay as they are: with Prune, they are
	// neither re-sent nor removed.
	Keep []string
	// Prune removes every live file that is neither in Files nor in Keep.
	Prune bool
	// Progress, when set, is called as the body is sent with the bytes sent
	// so far and the body's total size.
	Progress func(sent, total int64)
}

// Body encodes the request as the multipart/form-data body of POST
// /api/v1/deploy: per file a "file" part (filename = path) and, when set,
// "bundle" and "map" parts with the same filename; per kept path a "keep"
// value. It returns the body and its content type.
func (r DeployRequest) Body() ([]byte, string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part := func(field, name string, data []byte) error {
		w, err := mw.CreateFormFile(field, name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	for _, f := range r.Files {
		if f.Path == "" {
			return nil, "", errors.New("deploy: a file has no path")
		}
		if err := part("file", f.Path, f.Source); err != nil {
			return nil, "", err
		}
		if f.Bundle != nil {
			if err := part("bundle", f.Path, f.Bundle); err != nil {
				return nil, "", err
			}
			if f.Map != nil {
				if err := part("map", f.Path, f.Map); err != nil {
					return nil, "", err
				}
			}
		}
	}
	for _, k := range r.Keep {
		if err := mw.WriteField("keep", k); err != nil {
			return nil, "", err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), mw.FormDataContentType(), nil
}

// Deploy applies req atomically: either every file builds and loads and the
// new tree goes live, or nothing changes and the error (an *Error with code
// TARSUS_BUILD, TARSUS_CONTRACT, …) lists the problems per file.
func (c *Client) Deploy(ctx context.Context, req DeployRequest) (*DeployResult, error) {
	if len(req.Files) == 0 && len(req.Keep) == 0 {
		return nil, errors.New("deploy: nothing to deploy")
	}
	body, ctype, err := req.Body()
	if err != nil {
		return nil, err
	}
	var q url.Values
	if req.Prune {
		q = url.Values{"prune": {"true"}}
	}
	var r io.Reader = bytes.NewReader(body)
	if req.Progress != nil {
		r = &progressReader{r: r, total: int64(len(body)), fn: req.Progress}
	}
	hreq, err := c.newRequest(ctx, http.MethodPost, c.endpoint("/deploy", q, true), r, true)
	if err != nil {
		return nil, err
	}
	hreq.ContentLength = int64(len(body))
	hreq.Header.Set("Content-Type", ctype)
	c.setVia(hreq)
	var out DeployResult
	if err := c.send(hreq, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// progressReader reports how much of a body was read.
type progressReader struct {
	r     io.Reader
	sent  int64
	total int64
	fn    func(sent, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.sent += int64(n)
		p.fn(p.sent, p.total)
	}
	return n, err
}
