package engine

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/tarsus/tarsus/fastify"
)

// invocation is the state of one request on one runtime.
type invocation struct {
	fn   *Function
	req  *Request
	resp *Response
	done bool
	// The body parsed by parseBody. Its JS value (bodyJS) is made when
	// something first reads request.body; validation uses the parsed value
	// directly when nothing could have changed it.
	parsed    bool
	bodyModel any
	bodyJS    goja.Value
	hasBody   bool
	// headersJS is the request's headers as one JS object, made on first
	// read (Fastify's request.raw.headers).
	headersJS goja.Value
	// bodyChecked: parseBody already validated the body (bodyErr is the
	// outcome), so validation of an unchanged body is not done again.
	bodyChecked bool
	bodyErr     *fastify.ValidationError
	// stream is the streamed body (stream.go), streamResp the response it
	// belongs to until the first chunk commits it.
	stream     *Stream
	streamResp *Response
}

// invoke runs one request. The runtime is marked broken when it must not be
// reused (interrupted, or in an unknown state).
// It ends after timeout, or when ctx ends.
func (rt *runtime) invoke(ctx context.Context, fn *Function, req *Request, timeout time.Duration) (*Response, error) {
	inv := &invocation{fn: fn, req: req}
	start := time.Now()
	rt.inv = inv
	rt.logBytes, rt.logCut = 0, false
	rt.vm.ClearInterrupt()
	rt.loop.begin(ctx)
	var every time.Duration
	if rt.e.renice {
		every = rt.e.cfg.NiceAfter
	}
	rt.dl = rt.startDeadline(ctx, timeout, every)
	defer func() {
		cause, niced := rt.dl.stop()
		if cause != nil {
			// The runtime was interrupted: the VM may be poisoned.
			rt.broken = true
		}
		rt.niced = niced
		rt.dl = nil
		if rt.streaming != nil {
			// The response streams on: the invocation goes on elsewhere
			// (continueStream), with what is left of its deadline.
			return
		}
		if inv.stream != nil {
			inv.stream.detach(ErrStreamFailed)
		}
		rt.endFetches()
		rt.loop.reset()
		rt.inv = nil
		rt.curFn = ""
	}()

	rt.curFn = fn.Route
	lctx, err := rt.ensureLoaded(fn)
	if err != nil {
		return rt.failure(err)
	}
	d := rt.vm.NewDynamicObject(&requestInfo{rt: rt, inv: inv, ctx: lctx, start: rt.sinceStart()})
	if _, err := rt.invokeFn(goja.Undefined(), lctx, d); err != nil {
		return rt.failure(err)
	}
	rt.loop.endTurn()
	if err := rt.runLoop(inv, func() bool { return inv.done }); err != nil {
		return rt.failure(err)
	}
	if !inv.done && inv.stream != nil {
		// The stream's source can produce nothing more, and nothing was
		// sent: an empty body.
		rt.consoleLine("warn", fmt.Sprintf("%s: the response stream never produced a chunk or ended and nothing more could happen; answered with an empty body", fn.Path))
		rt.commitStream()
		inv.stream.finish(nil)
	}
	if !inv.done {
		// Nothing is pending and nothing was sent: answer as Fastify does for
		// an async handler that resolved to undefined, and say so.
		rt.consoleLine("warn", fmt.Sprintf("%s finished without sending a reply; answered 200 with an empty body", fn.Path))
		return &Response{Status: 200, Headers: []Header{{"content-length", "0"}}, Warning: "no reply sent"}, nil
	}
	if inv.stream != nil && inv.resp == inv.streamResp && !inv.stream.over() {
		rt.streaming = &streamRun{ctx: ctx, at: start.Add(timeout)}
	}
	return inv.resp, nil
}

// runLoop runs the event loop's jobs until done() or nothing is pending.
func (rt *runtime) runLoop(inv *invocation, done func() bool) error {
	for !done() && rt.loop.pending > 0 {
		rt.waiting.Store(true)
		job, ok := rt.loop.wait()
		rt.waiting.Store(false)
		if !ok {
			if rt.memStop.Load() {
				return errMemoryStop
			}
			if inv.stream != nil && inv.stream.isGone() && rt.dl.why() == nil {
				return errClientGone
			}
			return errDeadline
		}
		if err := job(); err != nil {
			if isInterrupt(err) {
				return err
			}
			rt.consoleLine("error", "Uncaught "+errorText(err))
		}
		rt.loop.endTurn()
	}
	return nil
}

func isInterrupt(err error) bool {
	var ie *goja.InterruptedError
	return errors.As(err, &ie)
}

// failure classifies an error that escaped the lifecycle.
func (rt *runtime) failure(err error) (*Response, error) {
	if isMemory(err) {
		rt.broken = true
		rt.consoleLine("error", fmt.Sprintf("%s: stopped because the server ran short of memory and this invocation was what grew the heap most; the runtime was discarded", rt.curFn))
		return nil, ErrMemory
	}
	if cause := rt.dl.why(); cause != nil || isInterrupt(err) || err == errDeadline {
		rt.broken = true
		if cause == nil || cause == errDeadline {
			rt.consoleLine("error", fmt.Sprintf("%s: timed out; the runtime was discarded", rt.curFn))
			return nil, ErrTimeout
		}
		return nil, cause
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		rt.broken = true
	}
	text := errorText(err)
	rt.consoleLine("error", text)
	var le *LoadError
	msg := "Internal Server Error"
	if errors.As(err, &le) {
		msg = le.Error()
	}
	return nil, &FunctionError{Message: msg, Cause: text}
}

// FunctionError is returned when a function failed in a way the lifecycle
// could not turn into a reply (its module no longer loads, say).
type FunctionError struct {
	Message string // safe to show the function's owner
	Cause   string
}

func (e *FunctionError) Error() string { return e.Message }

func (rt *runtime) ensureLoaded(fn *Function) (goja.Value, error) {
	if l, ok := rt.loaded[fn.Route]; ok && l.fn == fn {
		return l.ctx, nil
	}
	// What the top level allocates is credited to this runtime's estimate
	// of what it holds while idle (the watchdog drops the heaviest first).
	rt.e.setLoading(rt, true)
	mod, err := rt.runModule(fn)
	var ctx goja.Value
	if err == nil {
		ctx, err = rt.loadFn(goja.Undefined(), mod, rt.vm.ToValue(fn.url))
		if err != nil && !isInterrupt(err) {
			err = &LoadError{File: fn.Path, Text: errorText(err)}
		}
	}
	rt.e.setLoading(rt, false)
	if err != nil {
		return nil, err
	}
	if fn.lazy {
		// Loaded from the store: its schemas are compiled here, once, by
		// the first runtime that loads it (the deploy already checked them).
		if err := fn.compileMeta(rt, ctx); err != nil {
			return nil, err
		}
	}
	// A route without validators skips the host call that would validate.
	if !fn.hasValidators() {
		_ = ctx.ToObject(rt.vm).Set("validates", false)
	}
	rt.loaded[fn.Route] = loadedFn{fn: fn, ctx: ctx}
	return ctx, nil
}

// compileMeta compiles a loaded function's schemas in rt, once. An
// interruption (the deadline, the memory watchdog) leaves them for the next
// runtime to compile; any other failure is the function's for good.
func (fn *Function) compileMeta(rt *runtime, ctx goja.Value) error {
	if fn.metaDone.Load() {
		return fn.metaErr
	}
	fn.metaMu.Lock()
	defer fn.metaMu.Unlock()
	if fn.metaDone.Load() {
		return fn.metaErr
	}
	sv, err := rt.slow("schemasOf")(goja.Undefined(), ctx)
	if err != nil {
		if isInterrupt(err) {
			return err
		}
		fn.metaErr = &LoadError{File: fn.Path, Text: errorText(err), Err: err}
	} else if err := fn.compileSchemas(sv.ToObject(rt.vm)); err != nil {
		fn.metaErr = &LoadError{File: fn.Path, Text: err.Error()}
	}
	fn.metaDone.Store(true)
	return fn.metaErr
}

// runModule runs the bundle's top level and returns the object holding its
// default export.
func (rt *runtime) runModule(fn *Function) (goja.Value, error) {
	g := rt.vm.GlobalObject()
	_ = g.Delete(globalName)
	if _, err := rt.vm.RunProgram(fn.prog); err != nil {
		if isInterrupt(err) {
			return nil, err
		}
		return nil, &LoadError{File: fn.Path, Text: errorText(err), Err: err}
	}
	mod := g.Get(globalName)
	_ = g.Delete(globalName)
	if mod == nil {
		mod = goja.Undefined()
	}
	return mod, nil
}

// LoadError is a function whose module throws at load time or breaks the
// contract.
type LoadError struct {
	File string
	Text string
	Err  error
}

func (e *LoadError) Error() string { return e.File + ": " + e.Text }

func (e *LoadError) Unwrap() error { return e.Err }

// requestInfo is what the lifecycle reads of a request, handed to JS as a
// dynamic object: its fields become JS values only when a handler reads
// them, so a warm call builds no JS object for them.
type requestInfo struct {
	rt    *runtime
	inv   *invocation
	ctx   goja.Value // the route context
	start float64    // ms on the runtime's clock (host.now) when the request began
}

func (d *requestInfo) Get(key string) goja.Value {
	r, vm := d.inv.req, d.rt.vm
	switch key {
	case "body":
		inv := d.inv
		if inv.bodyJS == nil && inv.hasBody {
			inv.bodyJS = d.rt.toJS(inv.bodyModel)
		}
		if inv.bodyJS == nil {
			return goja.Undefined()
		}
		return inv.bodyJS
	case "parsed":
		return vm.ToValue(d.inv.parsed)
	case "headers":
		if d.inv.headersJS == nil {
			d.inv.headersJS = d.rt.headersObject(r.Headers)
		}
		return d.inv.headersJS
	case "ctx":
		return d.ctx
	case "start":
		return vm.ToValue(d.start)
	case "id":
		return vm.ToValue(r.ID)
	case "method":
		return vm.ToValue(r.Method)
	case "url":
		return vm.ToValue(r.URL)
	case "ip":
		return vm.ToValue(r.IP)
	case "host":
		return vm.ToValue(r.Host)
	case "hostname":
		h, _ := splitHost(r.Host)
		return vm.ToValue(h)
	case "port":
		if _, p := splitHost(r.Host); p != "" {
			if n, err := strconv.Atoi(p); err == nil {
				return vm.ToValue(n)
			}
		}
		return goja.Null()
	case "user":
		if r.User == nil {
			return goja.Undefined()
		}
		return vm.ToValue(string(r.User))
	case "protocol":
		if r.Protocol == "" {
			return vm.ToValue("http")
		}
		return vm.ToValue(r.Protocol)
	}
	return goja.Undefined()
}

func (d *requestInfo) Set(string, goja.Value) bool { return false }
func (d *requestInfo) Has(key string) bool         { return !goja.IsUndefined(d.Get(key)) }
func (d *requestInfo) Delete(string) bool          { return false }
func (d *requestInfo) Keys() []string {
	return []string{"id", "method", "url", "ip", "host", "hostname", "port", "protocol"}
}

func splitHost(host string) (name, port string) {
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		return host[:i], host[i+1:]
	}
	return host, ""
}

// sinceStart is the runtime's clock, in ms, as host.now reads it.
func (rt *runtime) sinceStart() float64 {
	return float64(time.Since(rt.now0).Nanoseconds()) / 1e6
}

// headersObject is the request's headers as Node gives them: repeated
// headers joined with ", ", except set-cookie, whose first value is kept.
func (rt *runtime) headersObject(headers []Header) *goja.Object {
	h := rt.vm.NewObject()
	for _, hd := range headers {
		if prev := h.Get(hd.Name); prev != nil && !goja.IsUndefined(prev) {
			if hd.Name == "set-cookie" {
				continue
			}
			_ = h.Set(hd.Name, prev.String()+", "+hd.Value)
			continue
		}
		_ = h.Set(hd.Name, hd.Value)
	}
	return h
}

func (rt *runtime) hostQuery(goja.FunctionCall) goja.Value {
	if rt.inv == nil {
		return rt.vm.NewObject()
	}
	return rt.toJS(parseQuery(rt.inv.req.Query))
}

// ---- host functions called by prelude.js ---------------------------------

func (rt *runtime) hostRespond(c goja.FunctionCall) goja.Value {
	inv := rt.inv
	if inv == nil || inv.done {
		return goja.Undefined()
	}
	resp := &Response{Status: int(c.Argument(0).ToInteger())}
	var bad *fastify.HeaderError
	resp.Headers, bad = replyHeaders(resp.Headers, c.Argument(1), false, rt.e.cfg.MaxResponseHeaderBytes)
	if bad != nil {
		// The lifecycle checked them (host.checkHeaders) and answered the
		// error; what still fails here is dropped, never sent.
		resp.Headers = validHeaders(resp.Headers)
	}
	max := rt.e.cfg.MaxResponseBytes
	switch p := c.Argument(2).(type) {
	case nil:
	case *goja.Object:
		if b, ok := rt.viewBytes(p); ok {
			if len(b) > max {
				rt.respondTooLarge(float64(len(b)))
				return goja.Undefined()
			}
			resp.Body = append([]byte(nil), b...)
		} else {
			resp.Body = []byte(p.String())
		}
	case goja.String:
		// A character is at least one byte: check before converting.
		if n := p.Length(); n > max {
			rt.respondTooLarge(float64(n))
			return goja.Undefined()
		}
		resp.Body = []byte(p.String())
	default:
		if !goja.IsUndefined(p) && !goja.IsNull(p) {
			resp.Body = []byte(p.String())
		}
	}
	if len(resp.Body) > max {
		rt.respondTooLarge(float64(len(resp.Body)))
		return goja.Undefined()
	}
	inv.resp = resp
	inv.done = true
	return goja.Undefined()
}

// respondTooLarge answers the invocation with Fastify's error shape: a
// function's response may not pass MaxResponseBytes.
func (rt *runtime) respondTooLarge(n float64) {
	rt.respondError(500, "TARSUS_RESPONSE_TOO_LARGE", fmt.Sprintf("The response body is %s bytes; the limit is %d bytes (engine MaxResponseBytes)", fmtCount(n), rt.e.cfg.MaxResponseBytes))
}

// respondError ends the invocation with an error reply built here, in
// Fastify's error shape.
func (rt *runtime) respondError(status int, code, msg string) {
	o := fastify.NewObject(4)
	o.Set("statusCode", float64(status))
	o.Set("code", code)
	o.Set("error", nodeStatusText(status))
	o.Set("message", msg)
	rt.consoleLine("error", rt.curFn+": "+msg)
	rt.inv.resp = &Response{Status: status, Body: fastify.AppendJSON(nil, o),
		Headers: []Header{{"content-type", "application/json; charset=utf-8"}}}
	rt.inv.done = true
}

// replyHeaders appends the headers of a reply's headers object (nil or
// null: none); an array value is one header per element. skipBody leaves
// out content-type and content-length, which the caller sets. It also
// reports the first header Node would refuse to send, or, checked before
// each value is converted, headers longer than maxBytes in all.
func replyHeaders(out []Header, v goja.Value, skipBody bool, maxBytes int) ([]Header, *fastify.HeaderError) {
	h, ok := v.(*goja.Object)
	if !ok {
		return out, nil
	}
	var bad *fastify.HeaderError
	total := 0
	add := func(k string, val goja.Value) bool {
		n := len(k) + 4
		if s, isStr := val.(goja.String); isStr {
			n += s.Length()
		}
		if total += n; total > maxBytes {
			bad = &fastify.HeaderError{Code: "TARSUS_RESPONSE_TOO_LARGE",
				Message: fmt.Sprintf("The response headers are more than %d bytes (engine MaxResponseHeaderBytes)", maxBytes)}
			return false
		}
		s := val.String()
		if bad == nil {
			bad = fastify.CheckHeader(k, s)
		}
		out = append(out, Header{k, s})
		return true
	}
	for _, k := range h.Keys() {
		v := h.Get(k)
		if v == nil || goja.IsUndefined(v) || skipBody && (k == "content-type" || k == "content-length") {
			continue
		}
		if o, isObj := v.(*goja.Object); isObj && o.ClassName() == "Array" {
			n := int(min(lengthOf(o), float64(maxBytes)))
			for i := 0; i < n; i++ {
				if !add(k, o.Get(itoa(i))) {
					return out, bad
				}
			}
			continue
		}
		if !add(k, v) {
			return out, bad
		}
	}
	return out, bad
}

// validHeaders keeps the headers Node would send.
func validHeaders(hs []Header) []Header {
	out := hs[:0]
	for _, h := range hs {
		if fastify.CheckHeader(h.Name, h.Value) == nil {
			out = append(out, h)
		}
	}
	return out
}

// hostCheckHeaders(headers) returns {code, message} for the first header
// Node would refuse to send (ERR_INVALID_HTTP_TOKEN, ERR_INVALID_CHAR), or
// for headers over MaxResponseHeaderBytes (TARSUS_RESPONSE_TOO_LARGE), or
// undefined.
func (rt *runtime) hostCheckHeaders(c goja.FunctionCall) goja.Value {
	if _, bad := replyHeaders(nil, c.Argument(0), false, rt.e.cfg.MaxResponseHeaderBytes); bad != nil {
		o := rt.vm.NewObject()
		_ = o.Set("code", bad.Code)
		_ = o.Set("message", bad.Message)
		return o
	}
	return goja.Undefined()
}

// hostSendValue answers with a handler's plain-object result in one step:
// the route's response schema for the status (or JSON.stringify's rules),
// content-type application/json, and the headers the handler set. It
// returns false, changing nothing, when the slow path must decide (a
// serialization error, which Fastify turns into an error reply, or a
// header Node would refuse).
func (rt *runtime) hostSendValue(c goja.FunctionCall) goja.Value {
	inv := rt.inv
	if inv == nil || inv.done {
		return rt.vm.ToValue(false)
	}
	status := int(c.Argument(0).ToInteger())
	headers, bad := replyHeaders(nil, c.Argument(1), true, rt.e.cfg.MaxResponseHeaderBytes)
	if bad != nil {
		return rt.vm.ToValue(false)
	}
	model, over := rt.fromJSBounded(c.Argument(2))
	if over != nil {
		rt.respondError(500, "TARSUS_RESPONSE_TOO_LARGE", "The response is too large: "+over.msg)
		return rt.vm.ToValue(true)
	}
	var body []byte
	if s := inv.fn.serializerFor(status); s != nil {
		out, err := s.Append(nil, model)
		if err != nil {
			return rt.vm.ToValue(false)
		}
		body = out
	} else {
		body = fastify.AppendJSON(nil, model)
	}
	if len(body) > rt.e.cfg.MaxResponseBytes {
		rt.respondTooLarge(float64(len(body)))
		return rt.vm.ToValue(true)
	}
	resp := &Response{Status: status, Body: body}
	resp.Headers = append(headers, Header{"content-type", "application/json; charset=utf-8"})
	inv.resp = resp
	inv.done = true
	return rt.vm.ToValue(true)
}

func (rt *runtime) throwFastify(code string, status int, msg string) {
	v, err := rt.slow("FastifyError")(goja.Undefined(), rt.vm.ToValue(code), rt.vm.ToValue(status), rt.vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	panic(v)
}

// hostParseBody implements Fastify's default content-type parsers.
func (rt *runtime) hostParseBody(c goja.FunctionCall) goja.Value {
	inv := rt.inv
	req := inv.req
	ct, hasCT := "", false
	cl, hasCL := "", false
	te := false
	for _, h := range req.Headers {
		switch h.Name {
		case "content-type":
			ct, hasCT = h.Value, true
		case "content-length":
			cl, hasCL = h.Value, true
		case "transfer-encoding":
			te = true
		}
	}
	if !hasCT {
		if !te && (!hasCL || cl == "0") && len(req.Body) == 0 {
			inv.parsed = true
			return goja.Undefined()
		}
		rt.throwFastify("FST_ERR_CTP_INVALID_MEDIA_TYPE", 415, "Unsupported Media Type")
	}
	mt := ct
	switch ct {
	case "application/json", "text/plain", "application/json; charset=utf-8", "text/plain; charset=utf-8":
		// The common spellings, without parsing.
		if i := strings.IndexByte(ct, ';'); i > 0 {
			mt = ct[:i]
		}
	default:
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			rt.throwFastify("FST_ERR_CTP_INVALID_MEDIA_TYPE", 415, "Unsupported Media Type")
		}
	}
	var kind int
	switch mt {
	case "application/json":
		kind = 1
	case "text/plain":
		kind = 2
	default:
		rt.throwFastify("FST_ERR_CTP_INVALID_MEDIA_TYPE", 415, "Unsupported Media Type")
	}
	limit := inv.fn.bodyLimit
	if n, err := strconv.Atoi(cl); hasCL && err == nil && n > limit {
		rt.throwFastify("FST_ERR_CTP_BODY_TOO_LARGE", 413, "Request body is too large")
	}
	if len(req.Body) > limit {
		rt.throwFastify("FST_ERR_CTP_BODY_TOO_LARGE", 413, "Request body is too large")
	}
	inv.parsed = true
	if kind == 2 {
		inv.bodyModel = strings.ToValidUTF8(string(req.Body), "\uFFFD")
		inv.hasBody = true
		return goja.Undefined()
	}
	if len(req.Body) == 0 {
		rt.throwFastify("FST_ERR_CTP_EMPTY_JSON_BODY", 400, "Body cannot be empty when content-type is set to 'application/json'")
	}
	m, err := fastify.ParseJSON(req.Body)
	if err != nil {
		rt.throwFastify("FST_ERR_CTP_INVALID_JSON_BODY", 400, "Body is not valid JSON but content-type is set to 'application/json'")
	}
	// With a body schema and no preValidation hook, nothing can change the
	// body between parsing and validation: validate the parsed value now and
	// build the JS object once, from the validated (coerced) value.
	if fn := inv.fn; fn.body != nil && !fn.hasPreValidation {
		out, verr := fn.body.Validate(m)
		inv.bodyChecked, inv.bodyErr = true, verr
		if verr == nil {
			m = out
		}
	}
	inv.bodyModel = m
	inv.hasBody = true
	return goja.Undefined()
}

// hostValidate validates params, body, querystring and headers in Fastify's
// order, writing coerced values back to the request. It returns the
// validation error object, or undefined.
func (rt *runtime) hostValidate(c goja.FunctionCall) goja.Value {
	inv := rt.inv
	fn := inv.fn
	req, _ := c.Argument(1).(*goja.Object)
	if req == nil || !fn.hasValidators() {
		return goja.Undefined()
	}
	ownBody := c.Argument(2).ToBoolean()
	parts := [...]struct {
		v    *fastify.Validator
		prop string
		ctx  string
	}{
		{fn.params, "params", "params"},
		{fn.body, "body", "body"},
		{fn.query, "query", "querystring"},
		{fn.headers, "headers", "headers"},
	}
	for _, p := range parts {
		if p.v == nil {
			continue
		}
		var data any
		if p.prop == "body" && !ownBody {
			// Nothing read or replaced the parsed body: use it as parsed
			// (and as already validated, when parseBody did that).
			if inv.bodyChecked {
				if verr := inv.bodyErr; verr != nil {
					return rt.validationErrorValue(p.ctx, verr)
				}
				continue
			}
			if inv.hasBody {
				data = inv.bodyModel
			}
		} else if cur := req.Get(p.prop); p.prop == "body" && inv.bodyChecked && cur == inv.bodyJS {
			if verr := inv.bodyErr; verr != nil {
				return rt.validationErrorValue(p.ctx, verr)
			}
			continue
		} else if p.prop == "body" && inv.hasBody && !fn.hasPreValidation && cur == inv.bodyJS {
			data = inv.bodyModel
		} else if cur == nil || goja.IsUndefined(cur) {
			data = nil
		} else {
			data = rt.fromJS(cur)
		}
		out, verr := p.v.Validate(data)
		if verr != nil {
			return rt.validationErrorValue(p.ctx, verr)
		}
		if p.prop == "headers" {
			// Fastify's validator changes the object the headers getter
			// returned: the request's own headers, or, after a handler
			// assigned some, a merged copy that is then dropped.
			if a := req.Get("additionalHeaders"); a == nil || !a.ToBoolean() {
				inv.headersJS = rt.toJS(out)
			}
			continue
		}
		_ = req.Set(p.prop, rt.toJS(out))
	}
	return goja.Undefined()
}

// validationErrorValue is Fastify's validation error for a request part.
func (rt *runtime) validationErrorValue(part string, verr *fastify.ValidationError) goja.Value {
	details := rt.toJS(verr.AjvErrors())
	e, err := rt.slow("validationError")(goja.Undefined(), rt.vm.ToValue(part), rt.vm.ToValue(verr.FastifyMessage(part)), details)
	if err != nil {
		panic(err)
	}
	return e
}

// serializerFor picks the response schema for a status: exact code, then
// 1xx..5xx, then default; nil if there is none.
func (fn *Function) serializerFor(status int) *fastify.Serializer {
	if fn == nil || len(fn.responses) == 0 {
		return nil
	}
	if s, ok := fn.responses[strconv.Itoa(status)]; ok {
		return s
	}
	if s, ok := fn.responses[strconv.Itoa(status/100)+"xx"]; ok {
		return s
	}
	if s, ok := fn.responses[strconv.Itoa(status/100)+"XX"]; ok {
		return s
	}
	return fn.responses["default"]
}

func (rt *runtime) fnFor(url goja.Value) *Function {
	if rt.inv == nil || url.String() == "" {
		return nil
	}
	return rt.inv.fn
}

func (rt *runtime) hostHasSerializer(c goja.FunctionCall) goja.Value {
	return rt.vm.ToValue(rt.fnFor(c.Argument(0)).serializerFor(int(c.Argument(1).ToInteger())) != nil)
}

// hostSerialize serializes a payload with the route's response schema for
// the status, or returns undefined when there is none (the prelude then uses
// JSON.stringify).
func (rt *runtime) hostSerialize(c goja.FunctionCall) goja.Value {
	s := rt.fnFor(c.Argument(0)).serializerFor(int(c.Argument(1).ToInteger()))
	if s == nil {
		return goja.Undefined()
	}
	model, over := rt.fromJSBounded(c.Argument(2))
	if over != nil {
		rt.throwFastify("TARSUS_RESPONSE_TOO_LARGE", 500, "The response is too large: "+over.msg)
	}
	out, err := s.Append(nil, model)
	if err != nil {
		panic(rt.vm.NewGoError(err))
	}
	if len(out) > rt.e.cfg.MaxResponseBytes {
		rt.throwFastify("TARSUS_RESPONSE_TOO_LARGE", 500, fmt.Sprintf("The response body is %d bytes; the limit is %d bytes (engine MaxResponseBytes)", len(out), rt.e.cfg.MaxResponseBytes))
	}
	return rt.vm.ToValue(string(out))
}

func (rt *runtime) hostSerializeError(c goja.FunctionCall) goja.Value {
	o := fastify.NewObject(4)
	o.Set("statusCode", float64(c.Argument(0).ToInteger()))
	if v := c.Argument(2); !goja.IsUndefined(v) && !goja.IsNull(v) {
		o.Set("code", v.String())
	}
	if v := c.Argument(1); !goja.IsUndefined(v) && !goja.IsNull(v) {
		o.Set("error", v.String())
	}
	if v := c.Argument(3); !goja.IsUndefined(v) && !goja.IsNull(v) {
		o.Set("message", v.String())
	}
	return rt.vm.ToValue(string(fastify.AppendJSON(nil, o)))
}

// ---- console --------------------------------------------------------------

func (rt *runtime) hostConsole(c goja.FunctionCall) goja.Value {
	rt.consoleLine(c.Argument(0).String(), c.Argument(1).String())
	return goja.Undefined()
}

func (rt *runtime) hostLogError(c goja.FunctionCall) goja.Value {
	v := c.Argument(0)
	text := v.String()
	if o, ok := v.(*goja.Object); ok {
		if st := o.Get("stack"); st != nil && !goja.IsUndefined(st) {
			text = st.String()
		}
	}
	rt.consoleLine("error", text)
	return goja.Undefined()
}

// consoleLine sends one line to the sink, capped per line and per invocation.
func (rt *runtime) consoleLine(level, text string) {
	sink := rt.e.cfg.Sink
	if sink == nil || rt.logCut {
		return
	}
	if max := rt.e.cfg.MaxLogLine; len(text) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "… [line truncated]"
	}
	rt.logBytes += len(text)
	if rt.logBytes > rt.e.cfg.MaxLogBytes {
		rt.logCut = true
		level, text = "warn", "[console output of this invocation truncated]"
	}
	line := ConsoleLine{Time: time.Now(), Fn: rt.curFn, Level: level, Text: text}
	if rt.inv != nil {
		line.ReqID = rt.inv.req.ID
	}
	sink.Console(rt.user, line)
}
