package engine

import (
	_ "embed"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
)

//go:embed prelude.js
var preludeSource string

//go:embed globals.js
var globalsSource string

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

	loaded  map[string]loadedFn     // route → loaded route context
	modules map[string]*goja.Object // built-in modules made in this runtime: name → module object

	utilBindings *goja.Object // lib/util.js's Go bindings, made once

	objToString goja.Value    // Object.prototype.toString, cached
	stdGlobal   *goja.Object  // goja's own global object, where the standard globals are made
	pollFn      goja.Callable // an empty JS function: calling it surfaces a pending interrupt
	// With Config.Lower (codegen.go): goja's own eval, and the Function
	// constructor that lowers source first.
	origEval     goja.Callable
	functionCtor *goja.Object

	bufferGuarded  bool // the buffer module's allocating functions are size-checked
	utilGuarded    bool // util.format is size-checked
	urlGuarded     bool // URLSearchParams is size-checked
	regexpsGuarded bool // RegExp.prototype's symbol methods are size-checked (guardRegexps)

	typedArraysGuarded bool       // %TypedArray%.prototype's per-element loops are size-checked
	intl               *intlState // Intl's per-runtime state (intl.go), made on first use
	lastUsed           time.Time
	broken             bool
	closed             chan struct{}

	// event loop state, valid during one invocation
	inv *invocation
	// streaming is set by an invocation whose response streams on after
	// Invoke returns (stream.go).
	streaming *streamRun
	fetch     *fetchState // the invocation's fetches (fetch.go); nil until its first
	dl        *deadline
	loop      *eventLoop
	niced     bool   // the last invocation's thread was niced
	curFn     string // route whose code is running, for console attribution
	logBytes  int
	logCut    bool
	now0      time.Time
	kv        kvBudget // tarsus:kv calls of the current invocation (kv.go)

	// The memory watchdog's accounting (watchdog.go), guarded by e.busyMu.
	busySince time.Time // when the current invocation or compile started
	busyFn    string    // its route
	grown     int64     // heap growth credited to it
	held      int64     // growth credited while it loaded functions: what it holds idle (estimate)
	loading   bool      // it is running a module's top level
	cpu       int64     // its thread's CPU time at the last reading; -1 none
	cpuAt     time.Time // when that was read
	faults    int64     // its thread's minor page faults at the last reading; -1 none
	// Set by the invocation's goroutine, read by the watchdog.
	tid     atomic.Int32 // the locked thread running it (renice on); 0 none
	waiting atomic.Bool  // its event loop waits for a timer or the deadline
	memStop atomic.Bool  // the watchdog stopped it

	// cryptoInFlight counts the slow crypto work (crypto.go) running on
	// goroutines for this runtime.
	cryptoInFlight atomic.Int32
}

type loadedFn struct {
	fn  *Function
	ctx goja.Value
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
		loop:   newEventLoop(),
		now0:   time.Now(),
	}
	rt.loop.onUnhandled = func(reason goja.Value) {
		rt.consoleLine("error", "Uncaught (in promise) "+rt.describeRejection(reason))
	}
	vm.SetPromiseRejectionTracker(rt.loop.track)
	if err := rt.install(); err != nil {
		return nil, err
	}
	return rt, nil
}

func (rt *runtime) install() error {
	vm := rt.vm
	// Web and Node globals are made when a function first names one (see
	// globals.go); the size checks on string built-ins are not optional.
	// goja's standard globals likewise, some wrapped with size checks
	// (limits.go).
	if err := rt.installGlobals(); err != nil {
		return err
	}
	if err := rt.guardStrings(); err != nil {
		return err
	}
	if err := rt.guardArrays(); err != nil {
		return err
	}
	if err := rt.intlNumberMethods(); err != nil {
		return err
	}
	if rt.e.cfg.Lower != nil {
		if err := rt.guardCodegen(); err != nil {
			return err
		}
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
	case "lazy":
		fn = rt.hostLazy
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
	case "streamStart":
		fn = rt.hostStreamStart
	case "streamWrite":
		fn = rt.hostStreamWrite
	case "streamEnd":
		fn = rt.hostStreamEnd
	case "streamError":
		fn = rt.hostStreamError
	case "checkHeaders":
		fn = rt.hostCheckHeaders
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

// hostLazy(P, make, names) returns a prototype for P. names is one string,
// space-separated. The first time one of them is read, written or looked up
// through P, make(name) gives its descriptor (or a method) and it is
// defined on P, where later lookups find it without coming here. A runtime then holds only the
// accessors and methods its functions used: each goja function costs about
// 2 µs and 0.7 KB to create, and a request or reply has dozens.
//
// It is a proxy with Go traps because a getter must run with the object
// the property was read on (the receiver), which a dynamic object never
// sees.
func (rt *runtime) hostLazy(c goja.FunctionCall) goja.Value {
	vm := rt.vm
	p, ok1 := c.Argument(0).(*goja.Object)
	mk, ok2 := goja.AssertFunction(c.Argument(1))
	if !ok1 || !ok2 {
		panic(vm.NewTypeError("lazy: wants (prototype, make, names)"))
	}
	names := strings.Fields(c.Argument(2).String())
	l := &lazyProto{rt: rt, p: p, make: mk, names: make(map[string]struct{}, len(names))}
	for _, k := range names {
		l.names[k] = struct{}{}
	}
	target := vm.NewObject()
	return vm.ToValue(vm.NewProxy(target, &goja.ProxyTrapConfig{
		Get: l.get,
		Set: l.set,
		Has: func(target *goja.Object, name string) bool {
			if _, ok := l.names[name]; ok {
				return true
			}
			// Get, unlike Has, is public: it is nil only for a property
			// that is nowhere on the chain.
			return target.Get(name) != nil
		},
	}))
}

// lazyProto backs hostLazy.
type lazyProto struct {
	rt    *runtime
	p     *goja.Object
	make  goja.Callable
	names map[string]struct{} // not yet defined on p
}

// lazyProp is a property lazyProto defined: an accessor or a data property.
type lazyProp struct {
	get, set goja.Callable
	value    goja.Value
	writable bool
}

// define makes name's property and defines it on p.
func (l *lazyProto) define(name string) lazyProp {
	vm := l.rt.vm
	delete(l.names, name)
	v, err := l.make(goja.Undefined(), vm.ToValue(name))
	if err != nil {
		panic(err)
	}
	if _, ok := goja.AssertFunction(v); ok || goja.IsUndefined(v) {
		// A method: writable, enumerable and configurable, as assigning it
		// to the prototype would make it.
		if err := l.p.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			panic(err)
		}
		return lazyProp{value: v, writable: true}
	}
	d := v.ToObject(vm)
	flag := func(k string) goja.Flag {
		if d.Get(k) != nil && d.Get(k).ToBoolean() {
			return goja.FLAG_TRUE
		}
		return goja.FLAG_FALSE
	}
	var lp lazyProp
	g, s := d.Get("get"), d.Get("set")
	if g != nil || s != nil {
		lp.get, _ = goja.AssertFunction(g)
		lp.set, _ = goja.AssertFunction(s)
		if err := l.p.DefineAccessorProperty(name, g, s, flag("configurable"), flag("enumerable")); err != nil {
			panic(err)
		}
		return lp
	}
	lp.value = d.Get("value")
	if lp.value == nil {
		lp.value = goja.Undefined()
	}
	lp.writable = flag("writable") == goja.FLAG_TRUE
	if err := l.p.DefineDataProperty(name, lp.value, flag("writable"), flag("configurable"), flag("enumerable")); err != nil {
		panic(err)
	}
	return lp
}

func (l *lazyProto) get(target *goja.Object, name string, receiver goja.Value) goja.Value {
	if _, ok := l.names[name]; ok {
		lp := l.define(name)
		if lp.get != nil {
			v, err := lp.get(receiver)
			if err != nil {
				panic(err)
			}
			return v
		}
		if lp.set != nil {
			return goja.Undefined()
		}
		return lp.value
	}
	if name == "__proto__" {
		if o, ok := receiver.(*goja.Object); ok {
			if pr := o.Prototype(); pr != nil {
				return pr
			}
			return goja.Null()
		}
	}
	if v := target.Get(name); v != nil {
		return v
	}
	return goja.Undefined()
}

// set is an assignment that reached the prototype chain: the property's
// setter runs with the receiver, and otherwise the receiver gets an own
// property, as an ordinary prototype would do.
func (l *lazyProto) set(target *goja.Object, name string, value, receiver goja.Value) bool {
	o, ok := receiver.(*goja.Object)
	if !ok {
		return false
	}
	if _, known := l.names[name]; known {
		lp := l.define(name)
		switch {
		case lp.set != nil:
			if _, err := lp.set(receiver, value); err != nil {
				panic(err)
			}
			return true
		case lp.get != nil, !lp.writable:
			return false
		}
	} else if name == "__proto__" {
		pr, _ := value.(*goja.Object)
		if pr == nil && !goja.IsNull(value) {
			return true
		}
		return o.SetPrototype(pr) == nil
	}
	return o.DefineDataProperty(name, value, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE) == nil
}

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

// domError is a DOMException (internal/domexception's class, the one
// functions see as the global) with name and message.
func (rt *runtime) domError(name, msg string) *goja.Object {
	ctor, ok := goja.AssertConstructor(rt.module("internal/domexception", false).ToObject(rt.vm).Get("DOMException"))
	if ok {
		if e, err := ctor(nil, rt.vm.ToValue(msg), rt.vm.ToValue(name)); err == nil {
			return e
		}
	}
	e := rt.vm.NewGoError(errors.New(msg))
	_ = e.Set("name", name)
	return e
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
	// String.prototype through a string value: reading the String global
	// would make goja build the constructor too.
	proto := vm.ToValue("").ToObject(vm).Prototype()
	max := int64(rt.e.cfg.MaxStringLen)
	tooLong := func(n int64) {
		rt.stringTooLong("the result", float64(n))
	}
	g, err := rt.newProtoGuard(proto, false)
	if err != nil {
		return err
	}
	g.strs = true
	wrap := func(name string, size func(thisLen int64, c goja.FunctionCall) int64) {
		g.wrap(name, func(c goja.FunctionCall) {
			// The length in UTF-16 units, as JS counts it, without
			// converting the string.
			var l int64
			if str, ok := c.This.(goja.String); ok {
				l = int64(str.Length())
			} else {
				l = int64(len(c.This.String()))
			}
			if n := size(l, c); n > max {
				tooLong(n)
			}
		})
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
	rt.guardMoreStrings(proto, g)
	// Made with Intl.Collator on first read (intl.go).
	g.later("localeCompare", func() goja.Value { return rt.intlMethod("Collator", proto, "localeCompare") })
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
	d := time.Duration(ms * float64(time.Millisecond))
	id := rt.loop.setTimer(d, interval, func() error {
		_, err := cb(goja.Undefined(), args...)
		return err
	})
	return rt.vm.ToValue(id)
}

func (rt *runtime) clearTimer(v goja.Value) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return
	}
	rt.loop.clearTimer(v.ToInteger())
}

func (rt *runtime) close() {
	select {
	case <-rt.closed:
		return
	default:
	}
	close(rt.closed)
	rt.loop.close()
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
