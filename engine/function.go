package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/tarsus/tarsus/fastify"
)

// GlobalName is the global through which a bundle exposes its default
// export, as GlobalName + ".default" (bundler.GlobalName).
const GlobalName = "__tarsus_mod"

const globalName = GlobalName

// Source is a built function ready to compile.
type Source struct {
	Path  string // file path, e.g. orders/create.ts
	Route string // route, e.g. orders/create
	URL   string // the route's URL as Fastify sees it, e.g. /alice/orders/create
	Code  []byte // the bundle, ending with a sourceMappingURL comment
	Map   []byte // its source map (may be nil)
	Hash  string // content hash of Code, for caching
	// User owns the function; it names the function in the server's log.
	// Optional.
	User string
	// Limits are the route's limits as [Function.Limits] reported them when
	// it was compiled at deploy. Load uses them; nil (a bundle stored before
	// they were recorded) makes Load run the module once to read them.
	Limits *Limits
}

// Limits are the limits a route's options set. They are known before any
// runtime runs the function, and never change.
type Limits struct {
	// Timeout is opts.config.timeout (ms in the options); it can only lower
	// Config.Timeout. Zero: Config.Timeout.
	Timeout time.Duration
	// BodyLimit is opts.bodyLimit, in bytes. Zero: Config.DefaultBodyLimit.
	BodyLimit int
	// Access is, as JSON, the route options that say who may call the
	// route and when (opts.method and opts.config's schedule, cors, auth,
	// jwt and rateLimit; a RegExp as {"$regexp", "flags"}, a function as
	// {"$function": true}). The engine does not interpret them: the
	// platform checks them at deploy. Empty: the route sets none.
	Access string
}

// Function is a compiled, contract-checked function. It is immutable and
// shared by all runtimes of its user (a function loaded from the store
// compiles its schemas in the first runtime that loads it, under metaMu;
// its limits are set before any runtime runs it).
type Function struct {
	Path  string
	Route string
	Hash  string
	url   string
	prog  *goja.Program

	timeout          time.Duration // 0: Config.Timeout
	bodyLimit        int
	defaultBody      int // Config.DefaultBodyLimit when it was made
	access           string
	hasPreValidation bool
	body, query      *fastify.Validator
	params, headers  *fastify.Validator
	responses        map[string]*fastify.Serializer
	CompileTime      time.Duration

	// Extra is the caller's own data about the function (the platform:
	// its parsed access options), set before the function is published
	// and only read afterwards. The engine never reads it.
	Extra any

	// lazy functions (Load) compile their schemas in the first runtime
	// that loads them.
	lazy     bool
	metaMu   sync.Mutex
	metaDone atomic.Bool // set, under metaMu, once metaErr and the schemas are final
	metaErr  error
}

// Access is the route's access options as JSON (see [Limits.Access]).
func (fn *Function) Access() string { return fn.access }

// BodyLimit is the largest request body the function accepts, in bytes.
func (fn *Function) BodyLimit() int { return fn.bodyLimit }

// Limits reports the limits the route's options set, for the caller to
// store with the bundle and hand back to Load (zero fields: the defaults).
func (fn *Function) Limits() Limits {
	l := Limits{Timeout: fn.timeout, Access: fn.access}
	if fn.bodyLimit != fn.defaultBody {
		l.BodyLimit = fn.bodyLimit
	}
	return l
}

func (fn *Function) hasValidators() bool {
	return fn.body != nil || fn.query != nil || fn.params != nil || fn.headers != nil
}

// SourceError is an error in a function's code, positioned in the user's
// TypeScript where the source map allows.
type SourceError struct {
	Code   string // TARSUS_CONTRACT, TARSUS_LOAD or TARSUS_SCHEMA
	File   string
	Line   int
	Column int
	Text   string
}

func (e *SourceError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Text)
	}
	return e.File + ": " + e.Text
}

// Load compiles a bundle that was checked when it was deployed (read back
// from the store): no throwaway runtime, and its schemas are compiled by
// the first runtime that loads it. Its limits come from src.Limits; a
// bundle stored without them is compiled as Compile does (its top level
// runs once, under the deadline), so that no runtime ever runs a function
// whose limits are not known yet.
func (e *Engine) Load(src Source) (*Function, error) {
	if src.Limits == nil {
		return e.Compile(context.Background(), src)
	}
	start := time.Now()
	prog, err := e.program(src)
	if err != nil {
		return nil, err
	}
	fn := &Function{Path: src.Path, Route: src.Route, Hash: src.Hash, url: src.URL, prog: prog,
		bodyLimit: e.cfg.DefaultBodyLimit, defaultBody: e.cfg.DefaultBodyLimit, lazy: true}
	if t := src.Limits.Timeout; t > 0 {
		fn.timeout = t
	}
	if n := src.Limits.BodyLimit; n > 0 {
		fn.bodyLimit = n
	}
	fn.access = src.Limits.Access
	fn.CompileTime = time.Since(start)
	return fn, nil
}

// program parses and compiles a bundle, with its source map for stack
// traces.
func (e *Engine) program(src Source) (*goja.Program, error) {
	mapData := src.Map
	ast, err := parser.ParseFile(nil, src.Route+".js", string(src.Code), 0,
		parser.WithSourceMapLoader(func(string) ([]byte, error) {
			// Only the bundle's own map: never the host file system.
			if mapData == nil {
				return nil, errors.New("no source map")
			}
			return mapData, nil
		}))
	if err != nil {
		return nil, &SourceError{Code: "TARSUS_LOAD", File: src.Path, Text: "the bundle does not parse in the runtime: " + err.Error()}
	}
	if msg := chainError(ast, e.cfg.MaxOperatorChain); msg != "" {
		return nil, &SourceError{Code: "TARSUS_LOAD", File: src.Path, Text: "the bundle cannot be compiled: " + msg}
	}
	prog, err := goja.CompileAST(ast, false)
	if err != nil {
		return nil, &SourceError{Code: "TARSUS_LOAD", File: src.Path, Text: "the bundle does not compile in the runtime: " + err.Error()}
	}
	return prog, nil
}

// Compile compiles a bundle once, loads it in a fresh runtime to check the
// [opts, handler] contract, and compiles its schemas. The returned Function
// can serve any number of runtimes.
//
// The module's top level and its default export run as an invocation does:
// under Config.Timeout (a SourceError TARSUS_TIMEOUT past it) and watched by
// the memory watchdog (TARSUS_MEMORY when it was the one that grew). A
// panic in goja or a host function is an error matching ErrInternal, logged
// once.
func (e *Engine) Compile(ctx context.Context, src Source) (*Function, error) {
	start := time.Now()
	prog, err := e.program(src)
	if err != nil {
		return nil, err
	}
	fn := &Function{Path: src.Path, Route: src.Route, Hash: src.Hash, url: src.URL, prog: prog,
		bodyLimit: e.cfg.DefaultBodyLimit, defaultBody: e.cfg.DefaultBodyLimit}
	rt, err := newRuntime(e, src.User)
	if err != nil {
		return nil, err
	}
	defer rt.close()
	if err := e.checkContract(ctx, rt, fn, src); err != nil {
		return nil, err
	}
	fn.CompileTime = time.Since(start)
	return fn, nil
}

// checkContract runs the module's top level and its default export in rt
// (a throwaway runtime), under the deadline and the watchdog, and compiles
// the route's schemas and limits into fn.
func (e *Engine) checkContract(ctx context.Context, rt *runtime, fn *Function, src Source) (err error) {
	var every time.Duration
	if e.renice {
		every = e.cfg.NiceAfter
	}
	rt.curFn = src.Route
	e.track(rt, time.Now(), src.Route)
	rt.dl = rt.startDeadline(ctx, e.cfg.Timeout, every)
	defer func() {
		cause, _ := rt.dl.stop()
		e.untrack(rt)
		if x := recover(); x != nil {
			err = e.internalError(rt, src.Route, x)
			return
		}
		if err == nil {
			return
		}
		if isMemory(err) {
			err = &SourceError{Code: "TARSUS_MEMORY", File: src.Path, Text: "stopped while it loaded: the server ran short of memory and this module's top level or default export was what grew; it must allocate less when it loads"}
			return
		}
		if cause != nil || isInterrupt(err) {
			if cause != nil && cause != errDeadline {
				err = cause // the caller's context ended
				return
			}
			err = &SourceError{Code: "TARSUS_TIMEOUT", File: src.Path, Text: "the module's top level and default export did not finish within " + e.cfg.Timeout.String() + "; move long work into the handler"}
		}
	}()
	mod, err := rt.runModule(fn)
	if err != nil {
		if isInterrupt(err) {
			return err
		}
		return loadErr(src.Path, err)
	}
	sv, err := rt.slow("schemas")(goja.Undefined(), mod, rt.vm.ToValue(src.URL))
	if err != nil {
		if isInterrupt(err) {
			return err
		}
		var ex *goja.Exception
		if errors.As(err, &ex) {
			if o, ok := ex.Value().(*goja.Object); ok && o.Get("name") != nil && o.Get("name").String() == "TypeError" && o.Get("message") != nil {
				return &SourceError{Code: "TARSUS_CONTRACT", File: src.Path, Text: o.Get("message").String()}
			}
		}
		return loadErr(src.Path, err)
	}
	o := sv.ToObject(rt.vm)
	if err := fn.compileSchemas(o); err != nil {
		return &SourceError{Code: "TARSUS_SCHEMA", File: src.Path, Text: err.Error()}
	}
	fn.readLimits(o)
	return nil
}

// loadErr positions an exception thrown by a module's top level at its
// first stack frame inside the user's sources.
func loadErr(file string, err error) error {
	se := &SourceError{Code: "TARSUS_LOAD", File: file, Text: firstLine(errorText(err))}
	var le *LoadError
	if errors.As(err, &le) {
		se.Text = firstLine(le.Text)
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		se.Text = firstLine(ex.Value().String())
		for _, fr := range ex.Stack() {
			p := fr.Position()
			if p.Filename != "" && !strings.HasPrefix(p.Filename, "tarsus:") && !strings.HasSuffix(p.Filename, ".js") {
				se.File, se.Line, se.Column = p.Filename, p.Line, p.Column
				break
			}
		}
	}
	return se
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (fn *Function) compileSchemas(o *goja.Object) error {
	str := func(k string) []byte {
		v := o.Get(k)
		if v == nil || goja.IsUndefined(v) {
			return nil
		}
		return []byte(v.String())
	}
	var err error
	compile := func(part string, dst **fastify.Validator) {
		b := str(part)
		if b == nil || err != nil {
			return
		}
		var v *fastify.Validator
		v, err = fastify.CompileValidator(b)
		if err != nil {
			err = fmt.Errorf("opts.schema.%s: %w", part, err)
			return
		}
		if !v.AcceptsAll() {
			*dst = v
		}
	}
	compile("body", &fn.body)
	if str("querystring") != nil {
		compile("querystring", &fn.query)
	} else {
		compile("query", &fn.query)
	}
	compile("params", &fn.params)
	compile("headers", &fn.headers)
	if err != nil {
		return err
	}
	if r := o.Get("response"); r != nil && !goja.IsUndefined(r) {
		fn.responses = map[string]*fastify.Serializer{}
		rObj := r.(*goja.Object)
		for _, k := range rObj.Keys() {
			b := []byte(rObj.Get(k).String())
			s, serr := fastify.CompileSerializer(b)
			if serr != nil {
				return fmt.Errorf("opts.schema.response[%s]: %w", k, serr)
			}
			fn.responses[k] = s
		}
	}
	fn.hasPreValidation = o.Get("hasPreValidation").ToBoolean()
	return nil
}

// maxRouteTimeout bounds opts.config.timeout (it only ever lowers
// Config.Timeout; the bound keeps the conversion from overflowing).
const maxRouteTimeout = 24 * time.Hour

// readLimits sets fn's limits from the schema reader's result (Compile
// only: a loaded function gets them from its Source).
func (fn *Function) readLimits(o *goja.Object) {
	if v := o.Get("bodyLimit"); v != nil && !goja.IsUndefined(v) {
		if n := v.ToFloat(); n >= 1 && n <= float64(1<<40) {
			fn.bodyLimit = int(n)
		}
	}
	if v := o.Get("access"); v != nil && !goja.IsUndefined(v) {
		fn.access = v.String()
	}
	if v := o.Get("timeout"); v != nil && !goja.IsUndefined(v) {
		if n := v.ToFloat(); n > 0 && n <= float64(maxRouteTimeout/time.Millisecond) {
			fn.timeout = max(time.Duration(n*float64(time.Millisecond)), time.Millisecond)
		}
	}
}
