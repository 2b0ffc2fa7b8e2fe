package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
)

// fetch (lib/internal/fetch.js) over Go: the Headers, Request and Response
// classes are JavaScript; sending, redirects, limits and the body's bytes
// are here. Everything that touches goja runs on the loop's goroutine; the
// requests and body reads run on their own goroutines and hand their
// results back as loop jobs, so a runtime waiting for a response holds no
// thread and blocks no other runtime.
//
// Per invocation (Cloudflare Workers' numbers): at most Config.MaxFetches
// requests (each redirect hop is one; the next fails with
// TARSUS_FETCH_LIMIT) and at most Config.MaxFetchConns connections open at
// once (a request past it waits for one to close, as in Workers). A
// connection stays open from the request until its response body has been
// read, cancelled or failed; when requests wait and every open connection
// sits idle with an unread body, the least recently used one is closed
// (its body then fails), as Workers does to break that deadlock.

// FetchRecord is one request a function made (one redirect hop), as the
// invocation's log record and metrics show it.
type FetchRecord struct {
	Method   string
	Host     string
	Status   int           // 0 when no response arrived
	Duration time.Duration // from sending to the end of the body (or the failure)
	Bytes    int64         // response body bytes read
	Err      string        // the failure's code (TARSUS_EGRESS_DENIED, …) or "" ("aborted", "network" when it has none)
}

const fetchChunk = 64 << 10

type connState int

const (
	connQueued connState = iota
	connRequesting
	connIdle // response delivered, body not being read
	connReading
	connDone
)

// fetchConn is one fetch() call: its request (and redirect hops) and its
// response body.
type fetchConn struct {
	id       int64
	state    connState
	slot     bool // counts toward MaxFetchConns
	ctx      context.Context
	cancel   context.CancelFunc
	start    func() // sends the request (queued until a slot is free)
	reject   func(err error)
	body     io.ReadCloser
	lastUsed int64
	rec      FetchRecord
	began    time.Time
}

// fetchState is one invocation's fetches; made on its first fetch.
type fetchState struct {
	rt     *runtime
	inv    *invocation
	count  atomic.Int32 // requests made (hops included); goroutines add to it
	conns  map[int64]*fetchConn
	gone   map[int64]error // bodies ended early (evicted, aborted): why
	queue  []*fetchConn
	inUse  int
	nextID int64
	tick   int64
}

func (rt *runtime) fetches() *fetchState {
	if rt.fetch == nil || rt.fetch.inv != rt.inv {
		rt.fetch = &fetchState{rt: rt, inv: rt.inv, conns: map[int64]*fetchConn{}, gone: map[int64]error{}}
	}
	return rt.fetch
}

// fetchError is a failure of one fetch, with the code its cause carries.
type fetchError struct {
	code string
	msg  string
}

func (e *fetchError) Error() string { return e.msg }
func (e *fetchError) Code() string  { return e.code }

// endFetches ends the invocation's fetches (its end or its failure):
// requests still open are cancelled and recorded.
func (rt *runtime) endFetches() {
	fs := rt.fetch
	rt.fetch = nil
	if fs == nil {
		return
	}
	for _, c := range fs.conns {
		if c.state != connDone {
			fs.finish(c, &fetchError{code: "TARSUS_FETCH_ABORTED", msg: "the invocation ended"}, false)
		}
	}
	fs.queue = nil
}

// record hands one record to the invocation's caller.
func (fs *fetchState) record(r FetchRecord) {
	if fs.inv != nil && fs.inv.req != nil && fs.inv.req.Fetched != nil {
		fs.inv.req.Fetched(r)
	}
}

// finish closes c's request and body, records it and frees its slot.
func (fs *fetchState) finish(c *fetchConn, err error, promote bool) {
	if c.state == connDone {
		return
	}
	wasQueued := c.state == connQueued
	if err != nil && (c.state == connIdle || c.state == connReading) && len(fs.gone) < 1024 {
		fs.gone[c.id] = err
	}
	c.state = connDone
	if c.cancel != nil {
		c.cancel()
	}
	if c.body != nil {
		b := c.body
		c.body = nil
		go b.Close() // never blocks the loop
	}
	delete(fs.conns, c.id)
	if !wasQueued {
		c.rec.Duration = time.Since(c.began)
		if err != nil && c.rec.Err == "" {
			c.rec.Err = errCode(err)
		}
		fs.record(c.rec)
	} else {
		for i, q := range fs.queue {
			if q == c {
				fs.queue = append(fs.queue[:i], fs.queue[i+1:]...)
				break
			}
		}
	}
	if c.slot {
		c.slot = false
		fs.inUse--
	}
	if promote {
		fs.promote()
	}
}

func errCode(err error) string {
	var c interface{ Code() string }
	if errors.As(err, &c) {
		return c.Code()
	}
	if errors.Is(err, context.Canceled) {
		return "TARSUS_FETCH_ABORTED"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "TARSUS_FETCH_TIMEOUT"
	}
	return "network"
}

// promote starts queued requests while slots are free, and breaks the
// deadlock of requests waiting on connections whose bodies nobody reads.
func (fs *fetchState) promote() {
	max := fs.rt.e.cfg.MaxFetchConns
	for len(fs.queue) > 0 && fs.inUse < max {
		c := fs.queue[0]
		fs.queue = fs.queue[1:]
		c.slot = true
		fs.inUse++
		c.start()
	}
	if len(fs.queue) == 0 {
		return
	}
	var lru *fetchConn
	for _, c := range fs.conns {
		switch c.state {
		case connRequesting, connReading:
			return // something is moving: wait for it
		case connIdle:
			if lru == nil || c.lastUsed < lru.lastUsed {
				lru = c
			}
		}
	}
	if lru != nil {
		fs.finish(lru, fs.evictedError(), true)
	}
}

// fetchHost is the module's Go bindings.
func (rt *runtime) fetchHost() goja.Value {
	vm := rt.vm
	h := vm.NewObject()
	_ = h.Set("send", rt.fetchSend)
	_ = h.Set("read", func(c goja.FunctionCall) goja.Value { return rt.fetchRead(c, false) })
	_ = h.Set("readAll", func(c goja.FunctionCall) goja.Value { return rt.fetchRead(c, true) })
	_ = h.Set("cancel", func(c goja.FunctionCall) goja.Value {
		fs := rt.fetches()
		if cn, ok := fs.conns[c.Argument(0).ToInteger()]; ok {
			fs.finish(cn, &fetchError{code: "TARSUS_FETCH_ABORTED", msg: "aborted"}, true)
			if cn.reject != nil {
				cn.reject(errAborted)
			}
		}
		return goja.Undefined()
	})
	_ = h.Set("made", func(c goja.FunctionCall) goja.Value {
		_, ok := rt.modules[c.Argument(0).String()]
		return vm.ToValue(ok)
	})
	_ = h.Set("decode", func(c goja.FunctionCall) goja.Value {
		b, ok := rt.viewBytes(c.Argument(0))
		if !ok {
			panic(vm.NewTypeError("decode: not bytes"))
		}
		if len(b) > rt.e.cfg.MaxStringLen {
			rt.stringTooLong("the body as text", float64(len(b)))
		}
		return vm.ToValue(strings.ToValidUTF8(string(trimBOM(b)), "\uFFFD"))
	})
	_ = h.Set("encode", func(c goja.FunctionCall) goja.Value {
		s, ok := c.Argument(0).(goja.String)
		if !ok {
			s, _ = c.Argument(0).ToString().(goja.String)
		}
		if s == nil {
			return rt.newUint8Array(nil)
		}
		if n := float64(s.Length()) * 3; n > float64(rt.e.cfg.MaxTypedArrayBytes) {
			rt.tooManyBytes("the body as bytes", n)
		}
		return rt.newUint8Array([]byte(jsStringToUTF8(s)))
	})
	_ = h.Set("copy", func(c goja.FunctionCall) goja.Value {
		// The bytes a view or buffer holds, copied into a new ArrayBuffer
		// (its size is the source's, already allocated).
		b, ok := rt.viewBytes(c.Argument(0))
		if !ok {
			panic(vm.NewTypeError("copy: not bytes"))
		}
		return vm.ToValue(vm.NewArrayBuffer(bytes.Clone(b)))
	})
	_ = h.Set("concat", func(c goja.FunctionCall) goja.Value {
		// concat(array of views) → ArrayBuffer, size-checked first.
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			panic(vm.NewTypeError("concat: not an array"))
		}
		n := int(o.Get("length").ToInteger())
		if n < 0 || n > rt.e.cfg.MaxArrayLength {
			rt.tooManyElements("concat's list", float64(n))
		}
		parts := make([][]byte, 0, n)
		total := 0
		for i := 0; i < n; i++ {
			b, ok := rt.viewBytes(o.Get(itoa(i)))
			if !ok {
				panic(vm.NewTypeError("concat: not bytes"))
			}
			total += len(b)
			if int64(total) > int64(rt.e.cfg.MaxTypedArrayBytes) {
				rt.tooManyBytes("the body", float64(total))
			}
			parts = append(parts, b)
		}
		return vm.ToValue(vm.NewArrayBuffer(bytes.Join(parts, nil)))
	})
	return h
}

// jsStringToUTF8 is s in UTF-8, lone surrogates replaced (as TextEncoder).
func jsStringToUTF8(s goja.String) string {
	return strings.ToValidUTF8(s.String(), "\uFFFD")
}

var errAborted = &fetchError{code: "TARSUS_FETCH_ABORTED", msg: "This operation was aborted"}

// fetchSend is host.send(method, url, headers, body, redirect): headers a
// flat [name, value, …] array, body null, a string or bytes, redirect
// "follow", "error" or "manual". It returns [id, promise]; the promise
// resolves to {status, statusText, headers, url, redirected, body} (body:
// the id to read, or null when there is none) or rejects with
// TypeError("fetch failed") whose cause has the code.
func (rt *runtime) fetchSend(c goja.FunctionCall) goja.Value {
	vm := rt.vm
	cfg := &rt.e.cfg
	method := c.Argument(0).String()
	rawURL := c.Argument(1).String()
	if len(rawURL) > 64<<10 {
		panic(vm.NewTypeError("fetch: the URL is longer than 64 KiB"))
	}
	var headers []Header
	if o, ok := c.Argument(2).(*goja.Object); ok {
		n := o.Get("length").ToInteger()
		if n < 0 || n > 2*1024 {
			panic(vm.NewTypeError("fetch: a request may have at most 1024 headers"))
		}
		size := 0
		for i := int64(0); i+1 < n; i += 2 {
			name, value := o.Get(itoa(int(i))).String(), o.Get(itoa(int(i+1))).String()
			size += len(name) + len(value)
			if size > 256<<10 {
				panic(vm.NewTypeError("fetch: the request's headers are larger than 256 KiB"))
			}
			headers = append(headers, Header{name, value})
		}
	}
	var body []byte
	hasBody := false
	switch b := c.Argument(3).(type) {
	case goja.String:
		if n := float64(b.Length()) * 3; n > float64(cfg.MaxTypedArrayBytes) {
			rt.tooManyBytes("the request body", n)
		}
		body, hasBody = []byte(jsStringToUTF8(b)), true
	case *goja.Object:
		v, ok := rt.viewBytes(b)
		if !ok {
			panic(vm.NewTypeError("fetch: the body is not bytes"))
		}
		body, hasBody = bytes.Clone(v), true
	}
	mode := c.Argument(4).String()

	fs := rt.fetches()
	fs.nextID++
	p, resolve, reject := vm.NewPromise()
	cn := &fetchConn{id: fs.nextID}
	fs.conns[cn.id] = cn
	fail := func(err error) { _ = reject(rt.fetchFailed("fetch failed", err)) }
	cn.reject = func(err error) { _ = reject(rt.fetchFailed("fetch failed", err)) }

	if cfg.Host == nil {
		fs.finish(cn, nil, false)
		fail(&fetchError{code: "TARSUS_NOT_AVAILABLE", msg: "fetch is not available: the engine has no Host"})
		return vm.ToValue([]any{cn.id, p})
	}
	if rt.inv == nil {
		// The deploy's contract check runs a module's top level outside any
		// request: no I/O there (as in Workers' global scope).
		fs.finish(cn, nil, false)
		fail(&fetchError{code: "TARSUS_NOT_AVAILABLE", msg: "fetch is only available while a request is handled, not at a module's top level during a deploy"})
		return vm.ToValue([]any{cn.id, p})
	}
	cn.start = func() {
		cn.state = connRequesting
		cn.began = time.Now()
		u, _ := url.Parse(rawURL)
		cn.rec = FetchRecord{Method: clip(method, 32)}
		if u != nil {
			cn.rec.Host = clip(u.Host, 300)
		}
		// The request's own timeout, unless the invocation's deadline comes
		// first: then that deadline ends the invocation (504) and its end
		// cancels the request, with no race between the two.
		if rt.dl != nil && rt.dl.at.Before(time.Now().Add(cfg.FetchTimeout)) {
			cn.ctx, cn.cancel = context.WithCancel(rt.loop.context())
		} else {
			cn.ctx, cn.cancel = context.WithTimeout(rt.loop.context(), cfg.FetchTimeout)
		}
		done := rt.loop.hold()
		ctx := cn.ctx
		user := rt.user
		go func() {
			res := rt.fetchFollow(ctx, fs, user, method, rawURL, headers, body, hasBody, mode)
			if res.err == nil && ctx.Err() != nil && res.resp != nil && res.resp.Body != nil {
				res.resp.Body.Close()
			}
			done(func() error {
				for _, r := range res.hops {
					fs.record(r)
				}
				if cn.state == connDone { // aborted or ended meanwhile
					if res.resp != nil && res.resp.Body != nil {
						go res.resp.Body.Close()
					}
					return nil
				}
				cn.rec.Host = clip(res.host, 300)
				cn.rec.Method = clip(res.method, 32)
				if res.err != nil {
					fs.finish(cn, res.err, true)
					fail(res.err)
					return nil
				}
				r := res.resp
				cn.rec.Status = r.Status
				fs.tick++
				cn.lastUsed = fs.tick
				obj := vm.NewObject()
				_ = obj.Set("status", r.Status)
				_ = obj.Set("statusText", r.StatusText)
				flat := make([]any, 0, 2*len(r.Headers))
				for _, h := range r.Headers {
					flat = append(flat, h.Name, h.Value)
				}
				_ = obj.Set("headers", flat)
				_ = obj.Set("url", res.url)
				_ = obj.Set("redirected", res.redirected)
				nullBody := r.Body == nil || method == "HEAD" || r.Status == 204 || r.Status == 205 || r.Status == 304
				if nullBody {
					if r.Body != nil {
						cn.body = r.Body
					}
					fs.finish(cn, nil, true)
					_ = obj.Set("body", goja.Null())
				} else {
					cn.body = r.Body
					cn.state = connIdle
					_ = obj.Set("body", cn.id)
					fs.promote()
				}
				return resolve(obj)
			})
		}()
	}
	// Counted when called (so that at most MaxFetches ever wait in the
	// queue); the redirect hops after the first are counted as they go.
	if int(fs.count.Add(1)) > cfg.MaxFetches {
		fs.finish(cn, nil, false)
		fail(fs.limitError())
		return vm.ToValue([]any{cn.id, p})
	}
	fs.queue = append(fs.queue, cn)
	fs.promote()
	return vm.ToValue([]any{cn.id, p})
}

func (fs *fetchState) evictedError() error {
	return &fetchError{code: "TARSUS_FETCH_LIMIT", msg: "this response's connection was closed to let another fetch start: at most " + itoa(fs.rt.e.cfg.MaxFetchConns) + " fetch connections may be open at once (engine MaxFetchConns); read or cancel response bodies you do not need"}
}

func (fs *fetchState) limitError() error {
	return &fetchError{code: "TARSUS_FETCH_LIMIT", msg: fmt.Sprintf("Too many subrequests: an invocation may make at most %d fetch requests (each redirect counts as one; engine MaxFetches, --fetch-max-requests)", fs.rt.e.cfg.MaxFetches)}
}

// fetchFailed is the TypeError a failed fetch rejects with; its cause is
// an Error with the failure's message and code, as undici reports
// failures (TypeError: fetch failed, with cause).
func (rt *runtime) fetchFailed(msg string, err error) goja.Value {
	vm := rt.vm
	e := vm.NewTypeError(msg)
	var cause goja.Value
	var ex *goja.Exception
	if errors.As(err, &ex) {
		cause = ex.Value()
	} else {
		ce := rt.hostError(err)
		if o, ok := ce.(*goja.Object); ok {
			if _, has := codeOf(err); !has {
				_ = o.Set("code", errCode(err))
			}
		}
		cause = ce
	}
	_ = e.Set("cause", cause)
	return e
}

func codeOf(err error) (string, bool) {
	var c interface{ Code() string }
	if errors.As(err, &c) {
		return c.Code(), true
	}
	return "", false
}

type followResult struct {
	resp       *FetchResponse
	err        error
	url        string
	host       string
	method     string
	redirected bool
	hops       []FetchRecord // the redirects followed before the last hop
}

// badPorts is the Fetch standard's "bad port" list (the same as Node 20's
// undici): ports of protocols a fetch must not talk to.
var badPorts = map[string]bool{}

func init() {
	for _, p := range strings.Fields("1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104 109 110 111 113 115 117 119 123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531 532 540 548 554 556 563 587 601 636 989 990 993 995 1719 1720 1723 2049 3659 4045 4190 5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080") {
		badPorts[p] = true
	}
}

var redirectStatus = map[int]bool{301: true, 302: true, 303: true, 307: true, 308: true}

// fetchFollow sends a request and follows its redirects as the fetch
// standard's HTTP-redirect fetch does, asking the Host once per hop.
// It runs on its own goroutine and touches no JS.
func (rt *runtime) fetchFollow(ctx context.Context, fs *fetchState, user, method, rawURL string, headers []Header, body []byte, hasBody bool, mode string) (res followResult) {
	res.method = method
	cur, err := url.Parse(rawURL)
	if err != nil || (cur.Scheme != "http" && cur.Scheme != "https") || cur.Host == "" {
		res.err = &fetchError{code: "TARSUS_EGRESS_DENIED", msg: fmt.Sprintf("fetch: %q is not an http(s) URL (the only schemes fetch supports)", clip(rawURL, 200))}
		return res
	}
	cur.Fragment, cur.RawFragment = "", "" // never sent, not in the response's url
	for hop := 0; ; hop++ {
		res.url, res.host = cur.String(), cur.Host
		if p := cur.Port(); p != "" && badPorts[p] {
			res.err = &fetchError{code: "TARSUS_EGRESS_DENIED", msg: "bad port: fetch never connects to port " + p + " (the Fetch standard's list of ports of other protocols: SMTP, IRC, SIP, …)"}
			return res
		}
		if hop > 0 && int(fs.count.Add(1)) > rt.e.cfg.MaxFetches {
			res.err = fs.limitError()
			return res
		}
		req := &FetchRequest{Method: method, URL: res.url, Headers: headers}
		if hasBody {
			req.Body = bytes.NewReader(body)
		}
		began := time.Now()
		resp, err := rt.e.cfg.Host.Fetch(ctx, user, req)
		if err != nil {
			if ctx.Err() != nil {
				err = ctxError(ctx, cur.Host, rt.e.cfg.FetchTimeout)
			}
			res.err = err
			return res
		}
		loc := headerValue(resp.Headers, "location")
		if !redirectStatus[resp.Status] || loc == "" || mode == "manual" {
			res.resp = resp
			return res
		}
		// A redirect: this hop ends here.
		_ = resp.Body.Close()
		res.hops = append(res.hops, FetchRecord{Method: clip(method, 32), Host: clip(cur.Host, 300), Status: resp.Status, Duration: time.Since(began)})
		if mode == "error" {
			res.err = &fetchError{code: "TARSUS_FETCH_REDIRECT", msg: "unexpected redirect (the request's redirect mode is \"error\")"}
			return res
		}
		if hop+1 > 20 {
			res.err = &fetchError{code: "TARSUS_FETCH_REDIRECT", msg: "redirect count exceeded (at most 20)"}
			return res
		}
		next, err := cur.Parse(loc)
		if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
			res.err = &fetchError{code: "TARSUS_FETCH_REDIRECT", msg: fmt.Sprintf("the redirect's location %q is not an http(s) URL", loc)}
			return res
		}
		next.Fragment = "" // the spec keeps the request's fragment; it is never sent
		if ((resp.Status == 301 || resp.Status == 302) && method == "POST") || (resp.Status == 303 && method != "GET" && method != "HEAD") {
			method = "GET"
			hasBody, body = false, nil
			headers = dropHeaders(headers, "content-encoding", "content-language", "content-location", "content-type", "content-length")
		}
		if !sameOrigin(cur, next) {
			headers = dropHeaders(headers, "authorization", "proxy-authorization", "cookie", "host")
		}
		cur = next
		res.method = method
		res.redirected = true
	}
}

// clip keeps records small: hosts and methods are the function's choice.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func ctxError(ctx context.Context, host string, timeout time.Duration) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &fetchError{code: "TARSUS_FETCH_TIMEOUT", msg: fmt.Sprintf("fetch to %s timed out (after at most %s, --fetch-timeout, and never past the invocation's deadline)", host, timeout)}
	}
	return errAborted
}

func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && strings.EqualFold(a.Host, b.Host)
}

func headerValue(hs []Header, name string) string {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

func dropHeaders(hs []Header, names ...string) []Header {
	out := make([]Header, 0, len(hs))
	for _, h := range hs {
		drop := false
		for _, n := range names {
			if strings.EqualFold(h.Name, n) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, h)
		}
	}
	return out
}

// fetchRead is host.read(id) (one chunk: a Uint8Array, or null at the end)
// and host.readAll(id) (the rest of the body as an ArrayBuffer). A body
// error rejects with TypeError("terminated") whose cause has the code.
func (rt *runtime) fetchRead(c goja.FunctionCall, all bool) goja.Value {
	vm := rt.vm
	fs := rt.fetches()
	p, resolve, reject := vm.NewPromise()
	cn, ok := fs.conns[c.Argument(0).ToInteger()]
	if !ok || cn.state != connIdle {
		switch {
		case ok && cn.state == connReading:
			_ = reject(vm.NewTypeError("the body is already being read"))
		case !ok && fs.gone[c.Argument(0).ToInteger()] != nil:
			_ = reject(rt.fetchFailed("terminated", fs.gone[c.Argument(0).ToInteger()]))
		default:
			if all {
				_ = resolve(vm.NewArrayBuffer(nil))
			} else {
				_ = resolve(goja.Null())
			}
		}
		return vm.ToValue(p)
	}
	cn.state = connReading
	body := cn.body
	limit := int64(rt.e.cfg.MaxTypedArrayBytes)
	done := rt.loop.hold()
	go func() {
		var buf []byte
		var err error
		if all {
			var b bytes.Buffer
			chunk := make([]byte, fetchChunk)
			for {
				n, e := body.Read(chunk)
				b.Write(chunk[:n])
				if int64(b.Len()) > limit {
					err = &fetchError{code: "TARSUS_LIMIT", msg: fmt.Sprintf("the response body is larger than %d bytes, the most one ArrayBuffer may hold (engine MaxTypedArrayBytes); read it as a stream", limit)}
					break
				}
				if e != nil {
					if e != io.EOF {
						err = e
					} else {
						err = io.EOF
					}
					break
				}
			}
			buf = b.Bytes()
		} else {
			chunk := make([]byte, fetchChunk)
			var n int
			for n == 0 && err == nil {
				n, err = body.Read(chunk)
			}
			buf = chunk[:n]
		}
		done(func() error {
			if cn.state == connDone {
				if why := fs.gone[cn.id]; why != nil {
					return reject(rt.fetchFailed("terminated", why))
				}
				return reject(rt.fetchFailed("terminated", errAborted))
			}
			cn.rec.Bytes += int64(len(buf))
			fs.tick++
			cn.lastUsed = fs.tick
			if err != nil && err != io.EOF {
				if cn.ctx.Err() != nil {
					err = ctxError(cn.ctx, cn.rec.Host, rt.e.cfg.FetchTimeout)
				}
				fs.finish(cn, err, true)
				return reject(rt.fetchFailed("terminated", err))
			}
			if err == io.EOF {
				fs.finish(cn, nil, true)
			} else {
				cn.state = connIdle
				fs.promote()
			}
			if all {
				return resolve(vm.NewArrayBuffer(buf))
			}
			if len(buf) == 0 {
				return resolve(goja.Null())
			}
			return resolve(rt.newUint8Array(buf))
		})
	}()
	return vm.ToValue(p)
}
