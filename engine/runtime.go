package engine

import (
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
)

//go:embed prelude.js
var preludeSource string

//go:embed globals.js
var globalsSource string

// builtins are the Node modules a function may require; everything else
// (fs, net, child_process, …) does not exist in a runtime.
var builtins = map[string]bool{"buffer": true, "url": true, "util": true}

// runtime is one goja VM with the host APIs installed. It is used by one
// request at a time.
type runtime struct {
	e    *Engine
	user string
	vm   *goja.Runtime
	req  *require.RequireModule

	invokeFn goja.Callable
	loadFn   goja.Callable
	slowFn   goja.Callable // the lifecycle's rarely needed parts, made on first call
	schemaFn goja.Callable // the schema reader (schemas, schemasOf), made on first call

	globalsFn   goja.Callable // globals.js, run when a function first names one of its globals
	globalsHost *goja.Object

	loaded map[string]loadedFn // route → loaded route context

	objToString goja.Value // Object.prototype.toString, cached
	lastUsed    time.Time
	broken      bool
	closed      chan struct{}

	// event loop state, valid during one invocation
	inv      *invocation
	dl       *deadline
	wake     chan struct{} // the deadline wakes a waiting event loop
	niced    bool          // the last invocation's thread was niced
	jobs     chan func() error
	pending  int
	timers   map[int64]*jsTimer
	timerSeq int64
	gen      uint64
	curFn    string // route whose code is running, for console attribution
	logBytes int
	logCut   bool
	now0     time.Time
}

type loadedFn struct {
	fn  *Function
	ctx goja.Value
}

type jsTimer struct {
	t        *time.Timer
	interval bool
}

// interruption is what Interrupt is called with when a deadline passes.
type interruption struct{}

func newRuntime(e *Engine, user string) (*runtime, error) {
	vm := goja.New()
	vm.SetMaxCallStackSize(e.cfg.MaxCallStack)
	vm.SetFieldNameMapper(goja.UncapFieldNameMapper())
	rt := &runtime{
		e:      e,
		user:   user,
		vm:     vm,
		loaded: map[string]loadedFn{},
		closed: make(chan struct{}),
		jobs:   make(chan func() error, 256),
		wake:   make(chan struct{}, 1),
		timers: map[int64]*jsTimer{},
		now0:   time.Now(),
	}
	if err := rt.install(); err != nil {
		return nil, err
	}
	return rt, nil
}

func (rt *runtime) install() error {
	vm := rt.vm
	// Web and Node globals are made when a function first names one (see
	// globals.go); the size checks on string built-ins are not optional.
	lazy := vm.NewDynamicObject(lazyGlobals{rt})
	_ = lazy.SetPrototype(vm.GlobalObject().Prototype())
	if err := vm.GlobalObject().SetPrototype(lazy); err != nil {
		return err
	}
	if err := rt.guardStrings(); err != nil {
		return err
	}

	// The lifecycle's own host bindings, each made on first use.
	lh := vm.NewDynamicObject(&lifecycleHost{rt: rt})
	pv, err := vm.RunProgram(rt.e.prelude)
	if err != nil {
		return err
	}
	pfn, _ := goja.AssertFunction(pv)
	exp, err := pfn(goja.Undefined(), lh)
	if err != nil {
		return err
	}
	o := exp.ToObject(vm)
	rt.invokeFn, _ = goja.AssertFunction(o.Get("invoke"))
	rt.loadFn, _ = goja.AssertFunction(o.Get("load"))
	rt.slowFn, _ = goja.AssertFunction(o.Get("slow"))
	rt.schemaFn, _ = goja.AssertFunction(o.Get("schemaPart"))
	return nil
}

// lifecycleHost is the host object prelude.js calls: a dynamic object whose
// functions are made the first time the lifecycle uses them, so a runtime
// holds only those its functions needed.
type lifecycleHost struct {
	rt  *runtime
	fns map[string]goja.Value
}

func (h *lifecycleHost) Get(key string) goja.Value {
	if v, ok := h.fns[key]; ok {
		return v
	}
	rt, vm := h.rt, h.rt.vm
	var fn func(goja.FunctionCall) goja.Value
	switch key {
	case "defaultBodyLimit":
		return vm.ToValue(rt.e.cfg.DefaultBodyLimit)
	case "methods":
		fn = rt.hostMethods
	case "now":
		fn = func(goja.FunctionCall) goja.Value { return vm.ToValue(rt.sinceStart()) }
	case "log":
		fn = rt.hostConsole
	case "logError":
		fn = rt.hostLogError
	case "respond":
		fn = rt.hostRespond
	case "sendValue":
		fn = rt.hostSendValue
	case "headers":
		fn = rt.hostHeaders
	case "query":
		fn = rt.hostQuery
	case "parseBody":
		fn = rt.hostParseBody
	case "validate":
		fn = rt.hostValidate
	case "serialize":
		fn = rt.hostSerialize
	case "hasSerializer":
		fn = rt.hostHasSerializer
	case "serializeError":
		fn = rt.hostSerializeError
	case "byteLength":
		fn = func(c goja.FunctionCall) goja.Value { return vm.ToValue(len(c.Argument(0).String())) }
	case "statusText":
		fn = func(c goja.FunctionCall) goja.Value {
			if t := nodeStatusText(int(c.Argument(0).ToInteger())); t != "" {
				return vm.ToValue(t)
			}
			return goja.Undefined()
		}
	default:
		return nil
	}
	v := vm.ToValue(fn)
	if h.fns == nil {
		h.fns = map[string]goja.Value{}
	}
	h.fns[key] = v
	return v
}

func (h *lifecycleHost) Set(string, goja.Value) bool { return false }
func (h *lifecycleHost) Has(key string) bool         { return h.Get(key) != nil }
func (h *lifecycleHost) Delete(string) bool          { return false }
func (h *lifecycleHost) Keys() []string              { return nil }

// hostMethods(make, names) returns an object to put in a prototype chain:
// reading one of names on it calls make(name) once and keeps the result.
func (rt *runtime) hostMethods(c goja.FunctionCall) goja.Value {
	mk, ok := goja.AssertFunction(c.Argument(0))
	if !ok {
		panic(rt.vm.NewTypeError("methods: make must be a function"))
	}
	t := &methodTable{rt: rt, make: mk, fns: map[string]goja.Value{}}
	if arr, ok := c.Argument(1).(*goja.Object); ok {
		for _, k := range arr.Keys() {
			t.fns[arr.Get(k).String()] = nil
		}
	}
	o := rt.vm.NewDynamicObject(t)
	_ = o.SetPrototype(rt.vm.Get("Object").ToObject(rt.vm).Get("prototype").ToObject(rt.vm))
	return o
}

// methodTable backs hostMethods: known names, each made on first read.
type methodTable struct {
	rt   *runtime
	make goja.Callable
	fns  map[string]goja.Value // name → method; nil until made
}

func (t *methodTable) Get(key string) goja.Value {
	v, ok := t.fns[key]
	if !ok {
		return nil
	}
	if v == nil {
		var err error
		if v, err = t.make(goja.Undefined(), t.rt.vm.ToValue(key)); err != nil {
			panic(err)
		}
		t.fns[key] = v
	}
	return v
}

func (t *methodTable) Has(key string) bool {
	_, ok := t.fns[key]
	return ok
}
func (t *methodTable) Set(string, goja.Value) bool { return false }
func (t *methodTable) Delete(string) bool          { return false }
func (t *methodTable) Keys() []string              { return nil }

// slow returns one of the lifecycle's rarely needed functions
// (validationError, FastifyError), or with schemas set one of the schema
// reader's (schemas, schemasOf), creating that part of the lifecycle in this
// runtime on first use.
func (rt *runtime) slow(name string) goja.Callable {
	part := rt.slowFn
	if name == "schemas" || name == "schemasOf" {
		part = rt.schemaFn
	}
	v, err := part(goja.Undefined())
	if err != nil {
		panic(err)
	}
	fn, ok := goja.AssertFunction(v.ToObject(rt.vm).Get(name))
	if !ok {
		panic("prelude: no slow-part function " + name)
	}
	return fn
}

func (rt *runtime) domError(name, msg string) *goja.Object {
	e := rt.vm.NewGoError(errors.New(msg))
	_ = e.Set("name", name)
	_ = e.Set("message", msg)
	return e
}

func utf16ToRunes(u []uint16) []rune {
	r := make([]rune, len(u))
	for i, x := range u {
		r[i] = rune(x)
	}
	return r
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

func (rt *runtime) newUint8Array(b []byte) goja.Value {
	ctor, _ := goja.AssertConstructor(rt.vm.Get("Uint8Array"))
	ab := rt.vm.NewArrayBuffer(b)
	v, err := ctor(nil, rt.vm.ToValue(ab))
	if err != nil {
		panic(err)
	}
	return v
}

// guardStrings replaces the string built-ins that allocate in proportion to
// an argument with versions that refuse results over MaxStringLen, so
// 'x'.repeat(5e8) is a RangeError instead of half a gigabyte.
func (rt *runtime) guardStrings() error {
	vm := rt.vm
	proto := vm.Get("String").ToObject(vm).Get("prototype").ToObject(vm)
	max := int64(rt.e.cfg.MaxStringLen)
	tooLong := func(n int64) {
		panic(vm.NewGoError(&rangeError{fmt.Sprintf("Invalid string length: the result would have %d characters; the limit is %d", n, max)}))
	}
	wrap := func(name string, size func(thisLen int64, c goja.FunctionCall) int64) {
		orig, ok := goja.AssertFunction(proto.Get(name))
		if !ok {
			return
		}
		_ = proto.DefineDataProperty(name, vm.ToValue(func(c goja.FunctionCall) goja.Value {
			this := c.This.String()
			if n := size(int64(len(this)), c); n > max {
				tooLong(n)
			}
			v, err := orig(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	wrap("repeat", func(l int64, c goja.FunctionCall) int64 {
		n := c.Argument(0).ToFloat()
		if n < 0 || n != n {
			return 0
		}
		if n > float64(max)+1 {
			if l == 0 {
				return 0
			}
			return max + 1
		}
		return l * int64(n)
	})
	pad := func(l int64, c goja.FunctionCall) int64 {
		n := c.Argument(0).ToFloat()
		if n > float64(max) {
			return max + 1
		}
		return int64(n)
	}
	wrap("padStart", pad)
	wrap("padEnd", pad)
	return nil
}

type rangeError struct{ msg string }

func (e *rangeError) Error() string { return e.msg }

// ---- timers and the per-invocation loop ------------------------------

func (rt *runtime) setTimer(c goja.FunctionCall, interval bool) goja.Value {
	cb, ok := goja.AssertFunction(c.Argument(0))
	if !ok {
		panic(rt.vm.NewTypeError("The \"callback\" argument must be of type function"))
	}
	ms := c.Argument(1).ToFloat()
	if !(ms >= 1) { // NaN, negative, < 1 → 1 ms as in Node
		ms = 1
	}
	if ms > 2147483647 {
		ms = 1
	}
	var args []goja.Value
	if len(c.Arguments) > 2 {
		args = append(args, c.Arguments[2:]...)
	}
	rt.timerSeq++
	id := rt.timerSeq
	gen := rt.gen
	d := time.Duration(ms * float64(time.Millisecond))
	t := &jsTimer{interval: interval}
	rt.timers[id] = t
	rt.pending++
	var fire func()
	fire = func() {
		job := func() error {
			if rt.gen != gen {
				return nil
			}
			if _, live := rt.timers[id]; !live {
				return nil
			}
			if interval {
				t.t = time.AfterFunc(d, fire)
			} else {
				delete(rt.timers, id)
				rt.pending--
			}
			_, err := cb(goja.Undefined(), args...)
			return err
		}
		select {
		case rt.jobs <- job:
		case <-rt.closed:
		}
	}
	t.t = time.AfterFunc(d, fire)
	return rt.vm.ToValue(id)
}

func (rt *runtime) clearTimer(v goja.Value) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return
	}
	id := v.ToInteger()
	if t, ok := rt.timers[id]; ok {
		t.t.Stop()
		delete(rt.timers, id)
		rt.pending--
	}
}

// resetLoop cancels whatever the last invocation left behind: its timers
// never fire into the next one.
func (rt *runtime) resetLoop() {
	for id, t := range rt.timers {
		t.t.Stop()
		delete(rt.timers, id)
	}
	rt.pending = 0
	rt.gen++
	for {
		select {
		case <-rt.jobs:
		default:
			return
		}
	}
}

func (rt *runtime) close() {
	select {
	case <-rt.closed:
		return
	default:
	}
	close(rt.closed)
	for _, t := range rt.timers {
		t.t.Stop()
	}
	rt.timers = nil
	rt.loaded = nil
}

// errorText renders a JS exception with its stack, which goja has already
// mapped through the bundle's source map to TS file:line:col.
func errorText(err error) string {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex.String()
	}
	return err.Error()
}

func itoa(n int) string { return strconv.Itoa(n) }
