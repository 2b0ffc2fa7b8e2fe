package engine

import (
	"github.com/dop251/goja"
)

// bufferEncodings teaches goja_nodejs's Buffer the encodings of Node's it
// lacks, in Buffer.from(string, encoding) and buf.toString(encoding):
// latin1 (binary), ascii, utf16le (ucs2) and base64url (which goja_nodejs
// spells base64Url), and base64 decoded leniently as Node does. JWT libraries need them (jws encodes its header from
// a "binary" string). The codecs are crypto's (crypto.go), which check the
// decoded size (MaxTypedArrayBytes) and the encoded length (MaxStringLen)
// first; every other encoding goes to goja_nodejs as before.
func (rt *runtime) bufferEncodings(mod *goja.Object) {
	vm := rt.vm
	ctor, ok := mod.Get("Buffer").(*goja.Object)
	if !ok {
		return
	}
	from, ok1 := goja.AssertFunction(ctor.Get("from"))
	proto, _ := ctor.Get("prototype").(*goja.Object)
	if !ok1 || proto == nil {
		return
	}
	toString, ok2 := goja.AssertFunction(proto.Get("toString"))
	if !ok2 {
		return
	}
	// extra is the codec name for an encoding goja_nodejs lacks.
	extra := func(v goja.Value) (string, bool) {
		if !goja.IsString(v) {
			return "", false
		}
		switch n := normEncoding(v.String()); n {
		case "latin1", "ascii", "utf16le", "base64Url":
			return n, true
		}
		return "", false
	}
	call := func(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
		v, err := f(this, args...)
		if err != nil {
			panic(err)
		}
		return v
	}
	fromFn := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		if s, isStr := c.Argument(0).(goja.String); isStr {
			enc, ok := extra(c.Argument(1))
			if !ok && goja.IsString(c.Argument(1)) && normEncoding(c.Argument(1).String()) == "base64" {
				// goja_nodejs answers nothing for a string with a character
				// outside the alphabet; Node skips it.
				enc, ok = "base64", true
			}
			if ok {
				b := rt.quickBytes("string", s, vm.ToValue(enc))
				return call(from, ctor, vm.ToValue(vm.NewArrayBuffer(b)))
			}
		}
		return call(from, c.This, c.Arguments...)
	})
	toStringFn := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		if enc, ok := extra(c.Argument(0)); ok {
			if b, isView := rt.viewBytes(c.This); isView && isBytes(c.This) {
				n := int64(len(b))
				start, end := int64(0), n
				if a := c.Argument(1); !goja.IsUndefined(a) {
					start = min(max(a.ToInteger(), 0), n)
				}
				if a := c.Argument(2); !goja.IsUndefined(a) {
					end = min(max(a.ToInteger(), 0), n)
				}
				if end <= start {
					return vm.ToValue("")
				}
				return rt.encodeBytes(b[start:end], enc)
			}
		}
		return call(toString, c.This, c.Arguments...)
	})
	_ = ctor.DefineDataProperty("from", fromFn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("toString", toStringFn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}
