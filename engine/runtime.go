package engine

import (
	"crypto/rand"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/buffer"
	"github.com/dop251/goja_nodejs/require"
	"github.com/dop251/goja_nodejs/url"
	"github.com/dop251/goja_nodejs/util"
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

	invokeFn  goja.Callable
	loadFn    goja.Callable
	schemasFn goja.Callable
	schemaOf  goja.Callable
	vErrFn    goja.Callable
	mkErrFn   goja.Callable

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
	// A registry whose loader finds nothing: require never reaches the host
	// file system; only the native modules below exist.
	reg := require.NewRegistry(require.WithLoader(func(string) ([]byte, error) { return nil, require.ModuleFileDoesNotExistError }))
	reg.RegisterNativeModule("buffer", buffer.Require)
	reg.RegisterNativeModule("url", url.Require)
	reg.RegisterNativeModule("util", util.Require)
	rt.req = reg.Enable(vm)
	if err := rt.install(); err != nil {
		return nil, err
	}
	return rt, nil
}

func (rt *runtime) install() error {
	vm := rt.vm
	host := vm.NewObject()
	set := func(name string, fn func(goja.FunctionCall) goja.Value) { _ = host.Set(name, fn) }

	set("console", rt.hostConsole)
	set("now", func(goja.FunctionCall) goja.Value {
		return vm.ToValue(float64(time.Since(rt.now0).Nanoseconds()) / 1e6)
	})
	set("require", func(c goja.FunctionCall) goja.Value {
		v, err := rt.req.Require(c.Argument(0).String())
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return v
	})
	if err := rt.installGlobals(); err != nil {
		return err
	}
	gv, err := vm.RunProgram(globalsProgram(rt.e))
	if err != nil {
		return err
	}
	gfn, _ := goja.AssertFunction(gv)
	if _, err := gfn(goja.Undefined(), host); err != nil {
		return err
	}

	// The lifecycle's own host bindings.
	lh := vm.NewObject()
	lset := func(name string, fn func(goja.FunctionCall) goja.Value) { _ = lh.Set(name, fn) }
	lset("now", func(goja.FunctionCall) goja.Value {
		return vm.ToValue(float64(time.Since(rt.now0).Nanoseconds()) / 1e6)
	})
	lset("log", rt.hostConsole)
	lset("logError", rt.hostLogError)
	lset("respond", rt.hostRespond)
	lset("sendValue", rt.hostSendValue)
	lset("headers", rt.hostHeaders)
	lset("query", rt.hostQuery)
	lset("parseBody", rt.hostParseBody)
	lset("validate", rt.hostValidate)
	lset("serialize", rt.hostSerialize)
	lset("hasSerializer", rt.hostHasSerializer)
	lset("serializeError", rt.hostSerializeError)
	lset("byteLength", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(len(c.Argument(0).String()))
	})
	lset("statusText", func(c goja.FunctionCall) goja.Value {
		if t := nodeStatusText(int(c.Argument(0).ToInteger())); t != "" {
			return vm.ToValue(t)
		}
		return goja.Undefined()
	})
	_ = lh.Set("defaultBodyLimit", rt.e.cfg.DefaultBodyLimit)
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
	rt.schemasFn, _ = goja.AssertFunction(o.Get("schemas"))
	rt.schemaOf, _ = goja.AssertFunction(o.Get("schemasOf"))
	rt.vErrFn, _ = goja.AssertFunction(o.Get("validationError"))
	rt.mkErrFn, _ = goja.AssertFunction(o.Get("makeError"))
	return nil
}

// installGlobals defines the Go-backed globals: timers, encoders, crypto,
// base64, require, and size-checked string built-ins.
func (rt *runtime) installGlobals() error {
	vm := rt.vm
	g := vm.GlobalObject()
	def := func(name string, v any) {
		_ = g.DefineDataProperty(name, vm.ToValue(v), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	def("setTimeout", func(c goja.FunctionCall) goja.Value { return rt.setTimer(c, false) })
	def("setInterval", func(c goja.FunctionCall) goja.Value { return rt.setTimer(c, true) })
	def("setImmediate", func(c goja.FunctionCall) goja.Value {
		args := append([]goja.Value{c.Argument(0), vm.ToValue(0)}, c.Arguments[min(1, len(c.Arguments)):]...)
		return rt.setTimer(goja.FunctionCall{This: c.This, Arguments: args}, false)
	})
	clear := func(c goja.FunctionCall) goja.Value { rt.clearTimer(c.Argument(0)); return goja.Undefined() }
	def("clearTimeout", clear)
	def("clearInterval", clear)
	def("clearImmediate", clear)
	def("require", func(c goja.FunctionCall) goja.Value {
		name := strings.TrimPrefix(c.Argument(0).String(), "node:")
		if !builtins[name] {
			panic(vm.NewTypeError(fmt.Sprintf("Cannot find module '%s': Tarsus functions can require only buffer, url and util", c.Argument(0).String())))
		}
		v, err := rt.req.Require(name)
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return v
	})
	def("atob", func(c goja.FunctionCall) goja.Value {
		s := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' {
				return -1
			}
			return r
		}, c.Argument(0).String())
		if len(s)%4 != 0 {
			s = strings.TrimRight(s, "=")
		}
		b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		if err != nil {
			panic(rt.domError("InvalidCharacterError", "The string to be decoded is not correctly encoded."))
		}
		// atob returns a "binary string": one char per byte.
		u := make([]uint16, len(b))
		for i, x := range b {
			u[i] = uint16(x)
		}
		return vm.ToValue(string(utf16ToRunes(u)))
	})
	def("btoa", func(c goja.FunctionCall) goja.Value {
		s := c.Argument(0).String()
		b := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xff {
				panic(rt.domError("InvalidCharacterError", "Invalid character"))
			}
			b = append(b, byte(r))
		}
		return vm.ToValue(base64.StdEncoding.EncodeToString(b))
	})
	crypto := vm.NewObject()
	_ = crypto.Set("randomUUID", func(goja.FunctionCall) goja.Value {
		var b [16]byte
		_, _ = rand.Read(b[:])
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		return vm.ToValue(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
	})
	_ = crypto.Set("getRandomValues", func(c goja.FunctionCall) goja.Value {
		arg := c.Argument(0)
		var buf []byte
		if err := vm.ExportTo(arg, &buf); err != nil {
			panic(vm.NewTypeError("crypto.getRandomValues: argument must be an integer-typed array"))
		}
		if len(buf) > 65536 {
			panic(rt.domError("QuotaExceededError", "The ArrayBufferView's byte length exceeds the number of bytes of entropy available via this API (65536)"))
		}
		_, _ = rand.Read(buf)
		return arg
	})
	def("crypto", crypto)
	if err := rt.installEncoders(); err != nil {
		return err
	}
	return rt.guardStrings()
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

// installEncoders defines TextEncoder and TextDecoder (UTF-8 only, as in
// workers).
func (rt *runtime) installEncoders() error {
	vm := rt.vm
	enc := func(call goja.ConstructorCall) *goja.Object {
		o := call.This
		_ = o.Set("encoding", "utf-8")
		_ = o.Set("encode", func(c goja.FunctionCall) goja.Value {
			s := ""
			if !goja.IsUndefined(c.Argument(0)) {
				s = c.Argument(0).String()
			}
			return rt.newUint8Array([]byte(s))
		})
		return nil
	}
	dec := func(call goja.ConstructorCall) *goja.Object {
		label := "utf-8"
		if a := call.Argument(0); !goja.IsUndefined(a) {
			label = strings.ToLower(a.String())
		}
		if label != "utf-8" && label != "utf8" && label != "unicode-1-1-utf-8" {
			panic(vm.NewTypeError(fmt.Sprintf("TextDecoder: encoding %q is not supported (only utf-8)", label)))
		}
		fatal := false
		if opt, ok := call.Argument(1).(*goja.Object); ok {
			fatal = opt.Get("fatal") != nil && opt.Get("fatal").ToBoolean()
		}
		o := call.This
		_ = o.Set("encoding", "utf-8")
		_ = o.Set("fatal", fatal)
		_ = o.Set("decode", func(c goja.FunctionCall) goja.Value {
			a := c.Argument(0)
			if goja.IsUndefined(a) {
				return vm.ToValue("")
			}
			var b []byte
			if ab, ok := a.Export().(goja.ArrayBuffer); ok {
				b = ab.Bytes()
			} else if err := vm.ExportTo(a, &b); err != nil {
				panic(vm.NewTypeError("TextDecoder.decode: argument must be an ArrayBuffer or a typed array"))
			}
			if fatal && !utf8.Valid(b) {
				panic(vm.NewTypeError("The encoded data was not valid for encoding utf-8"))
			}
			b = trimBOM(b)
			return vm.ToValue(strings.ToValidUTF8(string(b), "\uFFFD"))
		})
		return nil
	}
	g := vm.GlobalObject()
	_ = g.DefineDataProperty("TextEncoder", vm.ToValue(enc), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = g.DefineDataProperty("TextDecoder", vm.ToValue(dec), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return nil
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
