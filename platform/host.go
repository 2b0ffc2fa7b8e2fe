package platform

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"

	"github.com/tarsus/tarsus/egress"

	"github.com/tarsus/tarsus/engine"
)

// host serves functions the platform's services (engine.Host): the
// user's environment and secrets, their KV store, and outgoing requests.
// Every call is for the user the engine names, and reads only that user's
// data.
type host struct {
	p *Platform
}

var _ engine.Host = host{}

// Env is the user's environment as the next invocation sees it.
func (h host) Env(ctx context.Context, user string) (map[string]string, error) {
	return h.p.hostEnv(ctx, user) // env.go
}

// KV runs one operation on the user's KV store.
func (h host) KV(ctx context.Context, user string, op *engine.KVOp) (*engine.KVResult, error) {
	return h.p.hostKV(ctx, user, op) // kv.go
}

// Fetch makes one outgoing request under the egress rules (package
// egress): refused addresses and the size cap come back as HostErrors.
func (h host) Fetch(ctx context.Context, user string, req *engine.FetchRequest) (*engine.FetchResponse, error) {
	hdr := make(http.Header, len(req.Headers))
	for _, x := range req.Headers {
		hdr.Add(x.Name, x.Value)
	}
	var length int64
	if req.Body != nil {
		length = -1
		if l, ok := req.Body.(interface{ Len() int }); ok {
			length = int64(l.Len())
		}
	}
	resp, err := h.p.egress.Do(ctx, req.Method, req.URL, hdr, req.Body, length)
	if err != nil {
		return nil, hostError(err)
	}
	out := &engine.FetchResponse{Status: resp.StatusCode, StatusText: strings.TrimSpace(strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode))), Body: errBody{resp.Body}}
	for name, vs := range resp.Header {
		for _, v := range vs {
			out.Headers = append(out.Headers, engine.Header{Name: strings.ToLower(name), Value: v})
		}
	}
	return out, nil
}

// hostError turns egress's refusals and limits into HostErrors the
// function sees with their code.
// Network failures get Node's codes and words (a function written for
// Node checks err.cause.code === 'ECONNREFUSED').
func hostError(err error) error {
	var e *egress.Error
	if errors.As(err, &e) {
		return &engine.HostError{ErrCode: e.Code(), Message: e.Message}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return &engine.HostError{ErrCode: "ENOTFOUND", Message: "getaddrinfo ENOTFOUND " + dns.Name}
	}
	addr := ""
	var op *net.OpError
	if errors.As(err, &op) && op.Addr != nil {
		addr = " " + op.Addr.String()
	}
	for _, c := range []struct {
		errno syscall.Errno
		code  string
		verb  string
	}{{syscall.ECONNREFUSED, "ECONNREFUSED", "connect"}, {syscall.ECONNRESET, "ECONNRESET", "read"}, {syscall.EHOSTUNREACH, "EHOSTUNREACH", "connect"}, {syscall.ENETUNREACH, "ENETUNREACH", "connect"}} {
		if errors.Is(err, c.errno) {
			return &engine.HostError{ErrCode: c.code, Message: c.verb + " " + c.code + addr}
		}
	}
	return err
}

// errBody translates the body's errors (the size cap) into HostErrors.
type errBody struct{ io.ReadCloser }

func (b errBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = hostError(err)
	}
	return n, err
}
