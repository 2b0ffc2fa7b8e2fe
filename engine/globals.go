package engine

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/buffer"
	"github.com/dop251/goja_nodejs/require"
	"github.com/dop251/goja_nodejs/url"
	"github.com/dop251/goja_nodejs/util"
)

// The Web and Node globals (timers, console, process, TextEncoder, crypto,
// Buffer, URL, …) are made in a runtime the first time a function names
// one. The global object's prototype is a dynamic object (lazyGlobals): a
// name the global object does not have is looked up there, which makes the
// global, defines it on the global object as an ordinary own property
// (writable, configurable, not enumerable) and returns it. A warm runtime
// whose function uses none of them holds none of their closures, and a cold
// start does not build them.

// lazyGlobals is the global object's prototype.
type lazyGlobals struct{ rt *runtime }

func (l lazyGlobals) Get(key string) goja.Value { return l.rt.makeGlobal(key) }

// Has makes the global too: an assignment to a global that was never read
// then lands on the global object's own property.
func (l lazyGlobals) Has(key string) bool         { return l.rt.makeGlobal(key) != nil }
func (l lazyGlobals) Set(string, goja.Value) bool { return false }
func (l lazyGlobals) Delete(string) bool          { return true }
func (l lazyGlobals) Keys() []string              { return nil }

// makeGlobal makes the global called name and defines it, or returns nil
// if there is no such global.
func (rt *runtime) makeGlobal(name string) goja.Value {
	vm := rt.vm
	var v goja.Value
	switch name {
	case "setTimeout":
		v = vm.ToValue(func(c goja.FunctionCall) goja.Value { return rt.setTimer(c, false) })
	case "setInterval":
		v = vm.ToValue(func(c goja.FunctionCall) goja.Value { return rt.setTimer(c, true) })
	case "setImmediate":
		v = vm.ToValue(func(c goja.FunctionCall) goja.Value {
			args := append([]goja.Value{c.Argument(0), vm.ToValue(0)}, c.Arguments[min(1, len(c.Arguments)):]...)
			return rt.setTimer(goja.FunctionCall{This: c.This, Arguments: args}, false)
		})
	case "clearTimeout", "clearInterval", "clearImmediate":
		v = vm.ToValue(func(c goja.FunctionCall) goja.Value { rt.clearTimer(c.Argument(0)); return goja.Undefined() })
	case "require":
		v = vm.ToValue(rt.hostRequire)
	case "atob":
		v = vm.ToValue(func(c goja.FunctionCall) goja.Value {
			rt.checkStringArg("atob's argument", c.Argument(0), 1)
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
			return vm.ToValue(goja.StringFromUTF16(u))
		})
	case "btoa":
		v = vm.ToValue(func(c goja.FunctionCall) goja.Value {
			// The result has 4 characters for every 3 of the argument.
			rt.checkStringArg("btoa's result", c.Argument(0), 4.0/3)
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
	case "crypto":
		v = rt.makeCrypto()
	case "CryptoKey", "SubtleCrypto":
		v = rt.module("internal/webcrypto", false).ToObject(vm).Get(name)
	case "TextEncoder":
		v = vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
			o := call.This
			_ = o.Set("encoding", "utf-8")
			_ = o.Set("encode", func(c goja.FunctionCall) goja.Value {
				s := ""
				if !goja.IsUndefined(c.Argument(0)) {
					// UTF-8 takes at most 3 bytes per UTF-16 unit.
					if str, ok := c.Argument(0).(goja.String); ok {
						if n := float64(str.Length()) * 3; n > float64(rt.e.cfg.MaxTypedArrayBytes) {
							rt.tooManyBytes("TextEncoder.encode's result", n)
						}
					}
					s = c.Argument(0).String()
				}
				return rt.newUint8Array([]byte(s))
			})
			_ = o.Set("encodeInto", rt.encodeInto)
			return nil
		})
	case "TextDecoder":
		v = rt.textDecoderClass()
	case "Buffer":
		v = rt.nodeModule("buffer").Get("Buffer")
	case "URL", "URLSearchParams":
		v = rt.nodeModule("url").Get(name)
	case "fetch", "Headers", "Request", "Response":
		v = rt.module("internal/fetch", false).ToObject(vm).Get(name)
	case "global":
		v = vm.GlobalObject()
	case "self":
		// As in Workers and Deno (not Node): browser builds of npm
		// packages (joi's) find the global object through self.
		v = vm.GlobalObject()
	case "process":
		v = rt.module("process", false)
	case "console", "queueMicrotask", "structuredClone", "performance", "navigator":
		v = rt.jsGlobal(name)
	case "DOMException":
		v = rt.module("internal/domexception", false).ToObject(vm).Get(name)
	case "Event", "EventTarget", "CustomEvent":
		v = rt.module("internal/events", false).ToObject(vm).Get(name)
	case "AbortController", "AbortSignal":
		v = rt.module("internal/abort", false).ToObject(vm).Get(name)
	case "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
		"ReadableStreamDefaultController", "ReadableByteStreamController", "WritableStream",
		"WritableStreamDefaultWriter", "WritableStreamDefaultController", "TransformStream",
		"TransformStreamDefaultController", "ByteLengthQueuingStrategy", "CountQueuingStrategy",
		"TextEncoderStream", "TextDecoderStream", "CompressionStream", "DecompressionStream":
		v = rt.module("internal/streams", false).ToObject(vm).Get(name)
	case "Blob", "File":
		v = rt.module("internal/blob", false).ToObject(vm).Get(name)
	case "FormData":
		v = rt.module("internal/formdata", false).ToObject(vm).Get(name)
	// Intl (intl.go).
	case "Intl":
		v = rt.makeIntl()
	default:
		return rt.stdGlobalValue(name)
	}
	rt.defineGlobal(name, v)
	return v
}

func (rt *runtime) defineGlobal(name string, v goja.Value) {
	_ = rt.vm.GlobalObject().DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (rt *runtime) makeCrypto() goja.Value {
	vm := rt.vm
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
		// Only an integer-typed array, checked before anything is
		// converted: {length: 2 ** 40} used to be exported into a slice of
		// that length first.
		o, isObj := arg.(*goja.Object)
		if !isObj || !rt.isTypedArray(o) || !integerTyped(o) {
			panic(rt.domError("TypeMismatchError", "The data argument must be an integer-type TypedArray"))
		}
		buf, ok := rt.viewBytes(o)
		if !ok {
			panic(rt.domError("TypeMismatchError", "The data argument must be an integer-type TypedArray"))
		}
		if len(buf) > 65536 {
			panic(rt.domError("QuotaExceededError", "The requested length exceeds 65,536 bytes"))
		}
		_, _ = rand.Read(buf)
		return arg
	})
	// crypto.subtle is made on first read (crypto.go).
	subtle := vm.ToValue(func(goja.FunctionCall) goja.Value {
		return rt.module("internal/webcrypto", false).ToObject(vm).Get("subtle")
	})
	_ = crypto.DefineAccessorProperty("subtle", subtle, nil, goja.FLAG_TRUE, goja.FLAG_TRUE)
	return crypto
}

// integerTyped reports whether the typed array o has integer elements
// (not Float32Array, Float64Array or a DataView).
func integerTyped(o *goja.Object) bool {
	t := o.ExportType()
	if t == nil || t.Kind() != reflect.Slice {
		return false
	}
	switch t.Elem().Kind() {
	case reflect.Int8, reflect.Uint8, reflect.Int16, reflect.Uint16, reflect.Int32, reflect.Uint32, reflect.Int64, reflect.Uint64:
		return o.Get("BYTES_PER_ELEMENT") != nil && !goja.IsUndefined(o.Get("BYTES_PER_ELEMENT"))
	}
	return false
}

// checkStringArg throws a RangeError when the string v, times factor, is
// over MaxStringLen: checked on the JS string's length, before it is
// converted.
func (rt *runtime) checkStringArg(what string, v goja.Value, factor float64) {
	if s, ok := v.(goja.String); ok {
		if n := math.Ceil(float64(s.Length()) * factor); n > float64(rt.e.cfg.MaxStringLen) {
			rt.stringTooLong(what, n)
		}
	}
}

// jsGlobal runs globals.js for one name.
func (rt *runtime) jsGlobal(name string) goja.Value {
	vm := rt.vm
	if rt.globalsFn == nil {
		gv, err := vm.RunProgram(rt.e.globals)
		if err != nil {
			panic(err)
		}
		rt.globalsFn, _ = goja.AssertFunction(gv)
		host := vm.NewObject()
		_ = host.Set("console", rt.hostConsole)
		_ = host.Set("consoleArgs", rt.hostConsoleArgs)
		_ = host.Set("now", func(goja.FunctionCall) goja.Value { return vm.ToValue(rt.sinceStart()) })
		rt.globalsHost = host
	}
	v, err := rt.globalsFn(goja.Undefined(), rt.globalsHost, vm.ToValue(name))
	if err != nil {
		panic(err)
	}
	return v
}

// hostRequire is the global require: the built-in modules (modules.go).
func (rt *runtime) hostRequire(c goja.FunctionCall) goja.Value {
	return rt.module(c.Argument(0).String(), true)
}

// nodeModule loads one of goja_nodejs's modules, setting up the module
// registry on first use.
func (rt *runtime) nodeModule(name string) *goja.Object {
	if rt.req == nil {
		// A registry whose loader finds nothing: require never reaches the
		// host file system; only the native modules below exist.
		reg := require.NewRegistry(require.WithLoader(func(string) ([]byte, error) { return nil, require.ModuleFileDoesNotExistError }))
		reg.RegisterNativeModule("buffer", buffer.Require)
		reg.RegisterNativeModule("url", url.Require)
		reg.RegisterNativeModule("util", util.Require)
		rt.req = reg.Enable(rt.vm)
		// Enable defines goja_nodejs's own global require, which knows more
		// modules (process, with the host's environment): put ours back.
		rt.defineGlobal("require", rt.vm.ToValue(rt.hostRequire))
	}
	v, err := rt.req.Require(name)
	if err != nil {
		panic(rt.vm.NewGoError(err))
	}
	mod := v.ToObject(rt.vm)
	switch {
	case name == "buffer" && !rt.bufferGuarded:
		rt.bufferGuarded = true
		rt.guardBuffer(mod)
		rt.extendBuffer(mod)
		rt.bufferEncodings(mod)
	case name == "util" && !rt.utilGuarded:
		rt.utilGuarded = true
		rt.guardUtil(mod)
	case name == "url" && !rt.urlGuarded:
		rt.urlGuarded = true
		rt.guardURL(mod)
	}
	return mod
}
