package engine

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/buffer"
)

// Checks on goja_nodejs's buffer, util and url modules (the Buffer, URL
// and URLSearchParams globals and require("buffer"|"util"|"url")), made
// when a function first loads the module.
//
// goja_nodejs reads a Buffer's bytes by exporting `this` (or an argument)
// to a []byte: an object that merely inherits from Uint8Array.prototype,
// with a length of 2 ** 40, made Go allocate that much (the process died),
// so every Buffer method takes only a real Uint8Array as `this` and as
// its buffer arguments. Its fill loop never ends when the fill value
// decodes to no bytes (Buffer.alloc(2, "zz", "hex")), and Buffer.from
// followed a valueOf or Symbol.toPrimitive chain without end (a Go stack
// overflow ends the process): both are done here as Node does them.

// bytesType is what a Uint8Array (a Buffer) exports to.
var bytesType = reflect.TypeOf([]byte(nil))

// isBytes reports whether v is a real Uint8Array (or Buffer).
func isBytes(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ExportType() == bytesType
}

func isArrayBuffer(o *goja.Object) bool {
	_, ok := o.Export().(goja.ArrayBuffer)
	return ok
}

// nodeTypeError is a TypeError with a Node error code.
func (rt *runtime) nodeTypeError(code, msg string) *goja.Object {
	e := rt.vm.NewTypeError(msg)
	_ = e.Set("code", code)
	return e
}

func (rt *runtime) nodeRangeError(code, msg string) *goja.Object {
	e := rt.limitError(msg)
	_ = e.Set("code", code)
	return e
}

// inspectString quotes s as Node's util.inspect does in error messages,
// cut at 128 characters as Node's ERR_INVALID_ARG_VALUE cuts it.
func inspectString(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 {
		if strings.IndexByte(s, '"') < 0 {
			q = '"'
		} else if strings.IndexByte(s, '`') < 0 {
			q = '`'
		}
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\v':
			b.WriteString(`\v`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, r)
		default:
			b.WriteRune(r)
		}
		if b.Len() > 256 {
			break
		}
	}
	b.WriteByte(q)
	out := b.String()
	if len(out) > 128 {
		out = out[:128] + "..."
	}
	return out
}

// invalidFill is Node's error for a fill value that decodes to no bytes.
func (rt *runtime) invalidFill(s goja.String) *goja.Object {
	v := s
	if v.Length() > 200 {
		v = v.Substring(0, 200)
	}
	return rt.nodeTypeError("ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received "+inspectString(v.String()))
}

// bufferCodec returns goja_nodejs's codec for the encoding argument enc
// (utf8 when it is not a string), or nil for an encoding it does not know.
func bufferCodec(enc goja.Value) (buffer.StringCodec, string) {
	name := "utf8"
	if goja.IsString(enc) {
		name = enc.String()
	}
	return buffer.StringCodecByName(name), name
}

// decodedMax is the most bytes a string of n UTF-16 units decodes to.
func decodedMax(name string, n float64) float64 {
	switch name {
	case "hex":
		return math.Ceil(n / 2)
	case "base64", "base64Url":
		return math.Ceil(n * 3 / 4)
	}
	return n * 3
}

// encodedMax is the most UTF-16 units n bytes encode to.
func encodedMax(name string, n float64) float64 {
	switch name {
	case "hex":
		return n * 2
	case "base64", "base64Url":
		return math.Ceil(n/3) * 4
	}
	return n
}

// checkDecode throws when the string s would decode to more than
// MaxTypedArrayBytes.
func (rt *runtime) checkDecode(what string, s goja.String, enc string) {
	if n := decodedMax(enc, float64(s.Length())); n > float64(rt.e.cfg.MaxTypedArrayBytes) {
		rt.tooManyBytes(what, n)
	}
}

// toUint8 converts v as a Uint8Array element store does (ToUint8).
func toUint8(v goja.Value) byte {
	f := v.ToFloat()
	if f != f || math.IsInf(f, 0) {
		return 0
	}
	m := math.Mod(math.Trunc(f), 256)
	if m < 0 {
		m += 256
	}
	return byte(m)
}

// bufferGuard holds the original goja_nodejs functions the checked ones
// call.
type bufferGuard struct {
	rt       *runtime
	ctor     *goja.Object // goja_nodejs's Buffer
	from     goja.Callable
	alloc    goja.Callable
	typedArr goja.Callable // TypedArray.prototype.fill
}

func (rt *runtime) newBufferGuard(ctor *goja.Object) *bufferGuard {
	g := &bufferGuard{rt: rt, ctor: ctor}
	g.from, _ = goja.AssertFunction(ctor.Get("from"))
	g.alloc, _ = goja.AssertFunction(ctor.Get("alloc"))
	return g
}

func (g *bufferGuard) call(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := f(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// wrapBytes makes a Buffer of b (no copy).
func (g *bufferGuard) wrapBytes(b []byte) goja.Value {
	vm := g.rt.vm
	return g.call(g.from, g.ctor, vm.ToValue(vm.NewArrayBuffer(b)))
}

// allocFn is Buffer.alloc: a string fill that decodes to no bytes is
// Node's zero fill ("") or ERR_INVALID_ARG_VALUE, never goja_nodejs's
// endless fill loop.
func (g *bufferGuard) allocFn(c goja.FunctionCall) goja.Value {
	rt := g.rt
	size := c.Argument(0)
	if n := size.ToFloat(); n > float64(rt.e.cfg.MaxTypedArrayBytes) {
		rt.tooManyBytes("Buffer.alloc("+fmtCount(n)+")", n)
	}
	if s, ok := c.Argument(1).(goja.String); ok && goja.IsNumber(size) && size.ToFloat() >= 1 {
		codec, enc := bufferCodec(c.Argument(2))
		if codec != nil { // an unknown encoding: goja_nodejs throws ERR_UNKNOWN_ENCODING
			if s.Length() == 0 {
				return g.call(g.alloc, c.This, size)
			}
			rt.checkDecode("the fill value given to Buffer.alloc", s, enc)
			if len(codec.DecodeAppend(s.String(), nil)) == 0 {
				panic(rt.invalidFill(s))
			}
		}
	}
	return g.call(g.alloc, c.This, c.Arguments...)
}

// fillFn is Buffer.prototype.fill as Node has it for a string value
// (goja_nodejs has none: Uint8Array's fill took the string as a number):
// fill(value[, offset[, end]][, encoding]), "" fills zeros, a value that
// decodes to no bytes is ERR_INVALID_ARG_VALUE.
func (g *bufferGuard) fillFn(c goja.FunctionCall) goja.Value {
	rt := g.rt
	s, isStr := c.Argument(0).(goja.String)
	if !isStr || !isBytes(c.This) {
		return g.call(g.typedArr, c.This, c.Arguments...)
	}
	b, _ := rt.viewBytes(c.This)
	offset, end, encArg := c.Argument(1), c.Argument(2), c.Argument(3)
	if goja.IsString(offset) {
		encArg, offset, end = offset, goja.Undefined(), goja.Undefined()
	} else if goja.IsString(end) {
		encArg, end = end, goja.Undefined()
	}
	codec, enc := bufferCodec(encArg)
	if codec == nil {
		panic(rt.nodeTypeError("ERR_UNKNOWN_ENCODING", "Unknown encoding: "+encArg.String()))
	}
	// Node: offset >= 0 (and at most kMaxLength, 2 ** 32), end <= length.
	bound := func(name string, v goja.Value, def int, max float64) int {
		if goja.IsUndefined(v) {
			return def
		}
		if !goja.IsNumber(v) {
			panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", fmt.Sprintf("The %q argument must be of type number. Received %s", name, describe(v))))
		}
		f := v.ToFloat()
		if f != math.Trunc(f) {
			panic(rt.nodeRangeError("ERR_OUT_OF_RANGE", fmt.Sprintf("The value of %q is out of range. It must be an integer. Received %s", name, nodeNumber(f))))
		}
		if f < 0 || f > max {
			panic(rt.nodeRangeError("ERR_OUT_OF_RANGE", fmt.Sprintf("The value of %q is out of range. It must be >= 0 && <= %s. Received %s", name, fmtCount(max), nodeNumber(f))))
		}
		return int(math.Min(f, float64(len(b))))
	}
	start := bound("offset", offset, 0, 1<<32)
	stop := bound("end", end, len(b), float64(len(b)))
	if stop <= start {
		return c.This
	}
	seg := b[start:stop]
	var pat []byte
	if s.Length() == 0 {
		pat = []byte{0}
	} else {
		rt.checkDecode("the value given to Buffer.prototype.fill", s, enc)
		pat = codec.DecodeAppend(s.String(), nil)
		if len(pat) == 0 {
			panic(rt.invalidFill(s))
		}
	}
	for n := copy(seg, pat); n < len(seg); {
		n += copy(seg[n:], seg[:n])
	}
	return c.This
}

// nodeNumber formats a number as Node's range errors do (digits grouped
// by _ past 2 ** 32).
func nodeNumber(f float64) string {
	s := fmtCount(math.Abs(f))
	if math.Abs(f) > 1<<32 && !strings.ContainsAny(s, ".e") {
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	if f < 0 {
		s = "-" + s
	}
	return s
}

// describe is the "Received …" part of Node's argument errors.
func describe(v goja.Value) string {
	switch {
	case goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	case goja.IsString(v):
		return "type string (" + inspectString(v.String()) + ")"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, fn := goja.AssertFunction(o); fn {
			return "function " + o.Get("name").String()
		}
		if c, ok := o.Get("constructor").(*goja.Object); ok {
			if n := c.Get("name"); n != nil && n.String() != "" {
				return "an instance of " + n.String()
			}
		}
		return "an instance of Object"
	}
	return "type " + typeOf(v) + " (" + v.String() + ")"
}

func typeOf(v goja.Value) string {
	switch {
	case goja.IsNumber(v):
		return "number"
	case goja.IsBigInt(v):
		return "bigint"
	}
	if _, ok := v.(*goja.Symbol); ok {
		return "symbol"
	}
	if _, ok := v.Export().(bool); ok {
		return "boolean"
	}
	return "string"
}

// maxFromDepth bounds a valueOf chain in Buffer.from (Node overflows its
// stack instead).
const maxFromDepth = 1000

// fromFn is Buffer.from as Node does it for an object: an ArrayBuffer
// or a Uint8Array is goja_nodejs's; otherwise valueOf (when it gives a
// string or another object), then an array-like (its length checked, read
// with interrupt polls), then Symbol.toPrimitive when it gives a string.
// A string's decoded size is checked first.
func (g *bufferGuard) fromFn(c goja.FunctionCall) goja.Value {
	return g.fromValue(c.This, c.Arguments, 0)
}

func (g *bufferGuard) fromValue(this goja.Value, args []goja.Value, depth int) goja.Value {
	rt := g.rt
	if depth > maxFromDepth {
		e := rt.limitError("Maximum call stack size exceeded")
		_ = e.Set("code", goja.Undefined())
		panic(e)
	}
	arg := goja.Undefined()
	if len(args) > 0 {
		arg = args[0]
	}
	switch a := arg.(type) {
	case goja.String:
		enc := goja.Undefined()
		if len(args) > 1 {
			enc = args[1]
		}
		name := "utf8"
		if codec, n := bufferCodec(enc); codec != nil {
			name = n
		}
		rt.checkDecode("Buffer.from's string", a, name)
	case *goja.Object:
		if isArrayBuffer(a) || isBytes(a) {
			break
		}
		if f, ok := goja.AssertFunction(a.Get("valueOf")); ok {
			v := g.call(f, a)
			if v != a && !goja.IsNull(v) && !goja.IsUndefined(v) {
				_, isObj := v.(*goja.Object)
				if isObj || goja.IsString(v) {
					next := append([]goja.Value{v}, args[1:]...)
					return g.fromValue(this, next, depth+1)
				}
			}
		}
		if b, ok := g.fromObject(a); ok {
			return b
		}
		if f, ok := goja.AssertFunction(a.GetSymbol(goja.SymToPrimitive)); ok {
			if p, isStr := g.call(f, a, rt.vm.ToValue("string")).(goja.String); isStr {
				next := append([]goja.Value{p}, args[1:min(2, len(args))]...)
				return g.fromValue(this, next, depth+1)
			}
		}
		panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received "+describe(a)))
	}
	return g.call(g.from, this, args...)
}

// fromObject is Node's fromObject: an array-like (a length, or a buffer
// property that is an ArrayBuffer) or {type: "Buffer", data: [...]}.
func (g *bufferGuard) fromObject(o *goja.Object) (goja.Value, bool) {
	l := o.Get("length")
	hasBuffer := false
	if bo, ok := o.Get("buffer").(*goja.Object); ok && isArrayBuffer(bo) {
		hasBuffer = true
	}
	if (l != nil && !goja.IsUndefined(l)) || hasBuffer {
		if l == nil || !goja.IsNumber(l) {
			return g.wrapBytes([]byte{}), true
		}
		return g.fromArrayLike(o), true
	}
	if t := o.Get("type"); t != nil && t.String() == "Buffer" {
		if d, ok := o.Get("data").(*goja.Object); ok && d.ClassName() == "Array" {
			return g.fromArrayLike(d), true
		}
	}
	return nil, false
}

// fromArrayLike copies an array-like's elements, its length checked first
// and the interrupt polled as it goes.
func (g *bufferGuard) fromArrayLike(o *goja.Object) goja.Value {
	rt := g.rt
	n := lengthOf(o)
	if n > float64(rt.e.cfg.MaxArrayLength) {
		rt.tooManyElements("the array-like given to Buffer.from", n)
	}
	if n > float64(rt.e.cfg.MaxTypedArrayBytes) {
		rt.tooManyBytes("Buffer.from of "+fmtCount(n)+" elements", n)
	}
	b := make([]byte, int(n))
	for i := range b {
		if i&(pollEvery-1) == pollEvery-1 {
			rt.poll()
		}
		if v := o.Get(strconv.Itoa(i)); v != nil {
			b[i] = toUint8(v)
		}
	}
	return g.wrapBytes(b)
}

// concatFn is Buffer.concat, done here: goja_nodejs took any object that
// inherits from Uint8Array.prototype as a list element and exported it.
func (g *bufferGuard) concatFn(c goja.FunctionCall) goja.Value {
	rt := g.rt
	vm := rt.vm
	list, ok := c.Argument(0).(*goja.Object)
	if !ok || list.ClassName() != "Array" {
		panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", `The "list" argument must be an instance of Array. Received `+describe(c.Argument(0))))
	}
	maxB := float64(rt.e.cfg.MaxTypedArrayBytes)
	var parts [][]byte
	var total float64
	i := 0
	vm.ForOf(list, func(v goja.Value) bool {
		if i >= rt.e.cfg.MaxArrayLength {
			rt.tooManyElements("the list given to Buffer.concat", float64(i+1))
		}
		if !isBytes(v) {
			panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", fmt.Sprintf(`The "list[%d]" argument must be an instance of Buffer or Uint8Array. Received %s`, i, describe(v))))
		}
		b, _ := rt.viewBytes(v)
		parts = append(parts, b)
		total += float64(len(b))
		i++
		return true
	})
	if len(c.Arguments) > 1 && !goja.IsUndefined(c.Argument(1)) {
		l := c.Argument(1)
		if !goja.IsNumber(l) {
			panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", `The "length" argument must be of type number. Received `+describe(l)))
		}
		f := l.ToFloat()
		if f != math.Trunc(f) || f < 0 {
			panic(rt.nodeRangeError("ERR_OUT_OF_RANGE", `The value of "length" is out of range. It must be >= 0 && <= 9007199254740991. Received `+fmtCount(f)))
		}
		total = f
	}
	if total > maxB {
		rt.tooManyBytes("Buffer.concat's result", total)
	}
	res := make([]byte, int(total))
	off := 0
	for _, p := range parts {
		if off >= len(res) {
			break
		}
		off += copy(res[off:], p)
	}
	return g.wrapBytes(res)
}

// guardBufferProto checks `this` (and the Buffer arguments) of every
// Buffer.prototype method goja_nodejs defines, on first use of each
// (protoGuard), and installs Node's fill.
func (g *bufferGuard) guardProto(proto *goja.Object) {
	rt := g.rt
	g.typedArr, _ = goja.AssertFunction(proto.Get("fill"))
	thisCheck := func(c goja.FunctionCall) {
		if _, isObj := c.This.(*goja.Object); isObj && !isBytes(c.This) {
			panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", `The "this" value must be an instance of Buffer or Uint8Array. Received `+describe(c.This)))
		}
	}
	pg, err := rt.newProtoGuard(proto, false)
	if err != nil {
		return
	}
	for _, k := range proto.GetOwnPropertyNames() {
		switch k {
		case "constructor":
		case "toString":
			pg.wrap(k, func(c goja.FunctionCall) {
				thisCheck(c)
				g.checkToString(c)
			})
		case "write":
			pg.wrap(k, func(c goja.FunctionCall) {
				thisCheck(c)
				g.boundWrite(c)
			})
		case "equals":
			pg.wrap(k, func(c goja.FunctionCall) {
				thisCheck(c)
				if !isBytes(c.Argument(0)) {
					panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", `The "otherBuffer" argument must be an instance of Buffer or Uint8Array. Received `+describe(c.Argument(0))))
				}
			})
		default:
			pg.wrap(k, thisCheck)
		}
	}
	if g.typedArr != nil {
		_ = proto.DefineDataProperty("fill", rt.vm.ToValue(g.fillFn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
}

// checkToString bounds toString's result by MaxStringLen (hex doubles the
// bytes).
func (g *bufferGuard) checkToString(c goja.FunctionCall) {
	rt := g.rt
	b, ok := rt.viewBytes(c.This)
	if !ok {
		return
	}
	n := float64(len(b))
	if s, e := c.Argument(1), c.Argument(2); goja.IsNumber(s) || goja.IsNumber(e) {
		start, end := 0.0, n
		if goja.IsNumber(s) {
			start = math.Max(0, math.Trunc(s.ToFloat()))
		}
		if goja.IsNumber(e) {
			end = math.Min(n, math.Trunc(e.ToFloat()))
		}
		n = math.Max(0, end-start)
	}
	_, enc := bufferCodec(c.Argument(0))
	if m := encodedMax(enc, n); m > float64(rt.e.cfg.MaxStringLen) {
		rt.stringTooLong("Buffer.prototype.toString's result", m)
	}
}

// boundWrite cuts write's string to what can reach the buffer:
// goja_nodejs decoded the whole string whatever the buffer's size.
func (g *bufferGuard) boundWrite(c goja.FunctionCall) {
	s, ok := c.Argument(0).(goja.String)
	if !ok {
		return
	}
	b, ok := g.rt.viewBytes(c.This)
	if !ok {
		return
	}
	// Every encoding takes at most 4 characters per 3 bytes (base64);
	// utf8 takes at least 1 unit per byte, so the first 4n+8 units give
	// the same first n bytes.
	if keep := 4*len(b) + 8; s.Length() > keep {
		c.Arguments[0] = s.Substring(0, keep)
	}
}

// ---- util ---------------------------------------------------------------------

// guardUtil replaces util.format with one that stops at MaxStringLen
// (goja_nodejs's appended every argument to one buffer: the same long
// string given many times made it any size).
func (rt *runtime) guardUtil(mod *goja.Object) {
	vm := rt.vm
	max := rt.e.cfg.MaxStringLen
	_ = mod.Set("format", func(c goja.FunctionCall) goja.Value {
		var b bytes.Buffer
		grow := func() {
			if b.Len() > max {
				rt.stringTooLong("util.format's result", float64(b.Len()))
			}
		}
		var f string
		if a := c.Argument(0); !goja.IsUndefined(a) {
			rt.checkStringArg("util.format's format", a, 1)
			f = a.String()
		}
		var args []goja.Value
		if len(c.Arguments) > 0 {
			args = c.Arguments[1:]
		}
		argNum := 0
		format := func(r rune, val goja.Value) bool {
			switch r {
			case 's':
				rt.checkStringArg("util.format's result", val, 1)
				b.WriteString(val.String())
			case 'd':
				b.WriteString(val.ToNumber().String())
			case 'j':
				if json, ok := vm.Get("JSON").(*goja.Object); ok {
					if stringify, ok := goja.AssertFunction(json.Get("stringify")); ok {
						res, err := stringify(json, val)
						if err != nil {
							panic(err)
						}
						b.WriteString(res.String())
					}
				}
			case '%':
				b.WriteByte('%')
				return false
			default:
				b.WriteByte('%')
				b.WriteRune(r)
				return false
			}
			return true
		}
		pct := false
		for _, r := range f {
			if pct {
				if argNum < len(args) {
					if format(r, args[argNum]) {
						argNum++
						grow()
					}
				} else {
					b.WriteByte('%')
					b.WriteRune(r)
				}
				pct = false
			} else if r == '%' {
				pct = true
			} else {
				b.WriteRune(r)
			}
		}
		for i, a := range args[argNum:] {
			if i&(pollEvery-1) == pollEvery-1 {
				rt.poll()
			}
			b.WriteByte(' ')
			rt.checkStringArg("util.format's result", a, 1)
			b.WriteString(a.String())
			grow()
		}
		grow()
		return vm.ToValue(b.String())
	})
}

// ---- url ----------------------------------------------------------------------

// guardURL checks URLSearchParams: a query string's parameter count (one
// Go struct and split part per "&"), an iterable's walk (polled), and the
// size of the query toString encodes (each character up to 9).
func (rt *runtime) guardURL(mod *goja.Object) {
	vm := rt.vm
	ctor, ok := mod.Get("URLSearchParams").(*goja.Object)
	if !ok {
		return
	}
	orig, ok := goja.AssertConstructor(ctor)
	if !ok {
		return
	}
	maxArr := rt.e.cfg.MaxArrayLength
	g := rt.guardCtor("URLSearchParams", ctor, func(args []goja.Value) {
		if len(args) == 0 {
			return
		}
		switch a := args[0].(type) {
		case goja.String:
			if a.Length() > maxArr {
				if n := strings.Count(a.String(), "&") + 1; n > maxArr {
					rt.tooManyElements("the query given to URLSearchParams", float64(n))
				}
			}
		case *goja.Object:
			if _, ok := goja.AssertFunction(a.GetSymbol(goja.SymIterator)); ok {
				args[0] = rt.pollingIterable(a)
			} else if rt.isTypedArray(a) || a.ClassName() == "String" {
				// A record: goja_nodejs lists its keys in one native
				// call, one per element of a typed array without its
				// iterator (its prototype set to null).
				if n := lengthOf(a); n > float64(maxArr) {
					rt.tooManyElements("the record given to URLSearchParams", n)
				}
			}
		}
	}, nil)
	_ = orig
	proto, _ := ctor.Get("prototype").(*goja.Object)
	if proto != nil {
		forEach, _ := goja.AssertFunction(proto.Get("forEach"))
		max := float64(rt.e.cfg.MaxStringLen)
		sizeCheck := func(what string) func(c goja.FunctionCall) {
			return func(c goja.FunctionCall) {
				if forEach == nil {
					return
				}
				var total float64
				n := 0
				_, err := forEach(c.This, vm.ToValue(func(fc goja.FunctionCall) goja.Value {
					if n++; n&(pollEvery-1) == 0 {
						rt.poll()
					}
					total += 1 + 9*float64(lenOf(fc.Argument(0))+lenOf(fc.Argument(1)))
					if total > max {
						rt.stringTooLong(what, total)
					}
					return goja.Undefined()
				}))
				if err != nil {
					panic(err)
				}
			}
		}
		rt.wrapMethod(proto, "toString", sizeCheck("URLSearchParams.prototype.toString's result"))
		// A URL encodes its searchParams again once they changed: the same
		// check before search, toString and toJSON (goja_nodejs's href does
		// not encode them).
		if u, ok := mod.Get("URL").(*goja.Object); ok {
			if up, ok := u.Get("prototype").(*goja.Object); ok {
				check := sizeCheck("the URL's query")
				urlCheck := func(c goja.FunctionCall) {
					if o, ok := c.This.(*goja.Object); ok {
						if sp, ok := o.Get("searchParams").(*goja.Object); ok {
							check(goja.FunctionCall{This: sp})
						}
					}
				}
				rt.wrapMethod(up, "toString", urlCheck)
				rt.wrapMethod(up, "toJSON", urlCheck)
				rt.wrapGetter(up, "search", urlCheck)
			}
		}
		rt.wrapMethod(proto, "sort", func(c goja.FunctionCall) {
			if o, ok := c.This.(*goja.Object); ok {
				if s := o.Get("size"); s != nil && s.ToFloat() > float64(maxArr) {
					rt.tooManyElements("the URLSearchParams being sorted", s.ToFloat())
				}
			}
		})
	}
	_ = mod.Set("URLSearchParams", g)
}

func lenOf(v goja.Value) int {
	if s, ok := v.(goja.String); ok {
		return s.Length()
	}
	return len(v.String())
}

// pollingIterable stands in for an iterable a native loop drains: its
// iterator polls the interrupt every pollEvery steps.
func (rt *runtime) pollingIterable(src *goja.Object) *goja.Object {
	vm := rt.vm
	w := vm.NewObject()
	_ = w.SetSymbol(goja.SymIterator, func(goja.FunctionCall) goja.Value {
		f, _ := goja.AssertFunction(src.GetSymbol(goja.SymIterator))
		itv, err := f(src)
		if err != nil {
			panic(err)
		}
		it := itv.ToObject(vm)
		next, ok := goja.AssertFunction(it.Get("next"))
		if !ok {
			panic(vm.NewTypeError("the iterator has no next method"))
		}
		n := 0
		pi := vm.NewObject()
		_ = pi.Set("next", func(goja.FunctionCall) goja.Value {
			if n++; n&(pollEvery-1) == 0 {
				rt.poll()
			}
			if n > rt.e.cfg.MaxArrayLength {
				rt.tooManyElements("the iterable given to URLSearchParams", float64(n))
			}
			v, err := next(it)
			if err != nil {
				panic(err)
			}
			return v
		})
		return pi
	})
	return w
}

// wrapGetter replaces the getter of o's accessor property name with one
// that runs check first (the setter is kept).
func (rt *runtime) wrapGetter(o *goja.Object, name string, check func(goja.FunctionCall)) {
	vm := rt.vm
	object, ok := rt.stdGlobal.Get("Object").(*goja.Object)
	if !ok {
		return
	}
	gopd, ok := goja.AssertFunction(object.Get("getOwnPropertyDescriptor"))
	if !ok {
		return
	}
	dv, err := gopd(object, o, vm.ToValue(name))
	if err != nil {
		return
	}
	d, ok := dv.(*goja.Object)
	if !ok {
		return
	}
	get, ok := goja.AssertFunction(d.Get("get"))
	if !ok {
		return
	}
	getter := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		check(c)
		v, err := get(c.This)
		if err != nil {
			panic(err)
		}
		return v
	})
	var setter goja.Value
	if set := d.Get("set"); set != nil && !goja.IsUndefined(set) {
		setter = set
	}
	// As goja_nodejs defines them: not enumerable, configurable.
	_ = o.DefineAccessorProperty(name, getter, setter, goja.FLAG_FALSE, goja.FLAG_TRUE)
}
