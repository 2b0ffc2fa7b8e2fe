package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
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
}

// Function is a compiled, contract-checked function. It is immutable and
// shared by all runtimes of its user.
type Function struct {
	Path  string
	Route string
	Hash  string
	url   string
	prog  *goja.Program

	timeout          time.Duration
	bodyLimit        int
	hasPreValidation bool
	body, query      *fastify.Validator
	params, headers  *fastify.Validator
	responses        map[string]*fastify.Serializer
	CompileTime      time.Duration

	// lazy functions (Load) compile their schemas in the first runtime
	// that loads them.
	lazy     bool
	metaOnce sync.Once
	metaErr  error
}

func (fn *Function) BodyLimit() int { return fn.bodyLimit }

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
// the first runtime that loads it.
func (e *Engine) Load(src Source) (*Function, error) {
	start := time.Now()
	prog, err := e.program(src)
	if err != nil {
		return nil, err
	}
	return &Function{Path: src.Path, Route: src.Route, Hash: src.Hash, url: src.URL, prog: prog,
		bodyLimit: e.cfg.DefaultBodyLimit, lazy: true, CompileTime: time.Since(start)}, nil
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
	prog, err := goja.CompileAST(ast, false)
	if err != nil {
		return nil, &SourceError{Code: "TARSUS_LOAD", File: src.Path, Text: "the bundle does not compile in the runtime: " + err.Error()}
	}
	return prog, nil
}

// Compile compiles a bundle once, loads it in a fresh runtime to check the
// [opts, handler] contract (under the invocation deadline), and compiles its
// schemas. The returned Function can serve any number of runtimes.
func (e *Engine) Compile(ctx context.Context, src Source) (*Function, error) {
	start := time.Now()
	prog, err := e.program(src)
	if err != nil {
		return nil, err
	}
	fn := &Function{Path: src.Path, Route: src.Route, Hash: src.Hash, url: src.URL, prog: prog, bodyLimit: e.cfg.DefaultBodyLimit}

	rt, err := newRuntime(e, "")
	if err != nil {
		return nil, err
	}
	defer rt.close()
	cctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	stop := context.AfterFunc(cctx, func() { rt.vm.Interrupt(interruption{}) })
	defer stop()
	rt.curFn = src.Route

	mod, err := rt.runModule(fn)
	if err != nil {
		if isInterrupt(err) {
			return nil, &SourceError{Code: "TARSUS_LOAD", File: src.Path, Text: "the module's top level did not finish within " + e.cfg.Timeout.String()}
		}
		return nil, loadErr(src.Path, err)
	}
	sv, err := rt.slow("schemas")(goja.Undefined(), mod, rt.vm.ToValue(src.URL))
	if err != nil {
		if isInterrupt(err) {
			return nil, &SourceError{Code: "TARSUS_LOAD", File: src.Path, Text: "the default export did not return within " + e.cfg.Timeout.String()}
		}
		var ex *goja.Exception
		if errors.As(err, &ex) {
			if o, ok := ex.Value().(*goja.Object); ok && o.Get("name") != nil && o.Get("name").String() == "TypeError" && o.Get("message") != nil {
				return nil, &SourceError{Code: "TARSUS_CONTRACT", File: src.Path, Text: o.Get("message").String()}
			}
		}
		return nil, loadErr(src.Path, err)
	}
	if err := fn.compileSchemas(sv.ToObject(rt.vm)); err != nil {
		return nil, &SourceError{Code: "TARSUS_SCHEMA", File: src.Path, Text: err.Error()}
	}
	fn.CompileTime = time.Since(start)
	return fn, nil
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
	if v := o.Get("bodyLimit"); v != nil && !goja.IsUndefined(v) {
		if n := v.ToInteger(); n > 0 {
			fn.bodyLimit = int(n)
		}
	}
	if v := o.Get("timeout"); v != nil && !goja.IsUndefined(v) {
		if n := v.ToFloat(); n > 0 {
			fn.timeout = time.Duration(n * float64(time.Millisecond))
		}
	}
	fn.hasPreValidation = o.Get("hasPreValidation").ToBoolean()
	return nil
}
