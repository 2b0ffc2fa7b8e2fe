package engine

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/tarsus/tarsus/fastify"
)

// toJS converts an ordered JSON model value into plain JS values.
func (rt *runtime) toJS(v any) goja.Value { return rt.toJSDepth(v, 0) }

// toJSMaxDepth is how deep toJS recurses; a deeper value (a 1 MiB body of
// nested brackets is half a million levels, which JSON.parse accepts) is
// converted with an explicit stack instead of hundreds of megabytes of
// goroutine stack.
const toJSMaxDepth = 256

func (rt *runtime) toJSDepth(v any, depth int) goja.Value {
	vm := rt.vm
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case bool:
		return vm.ToValue(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 && !(x == 0 && math.Signbit(x)) {
			return vm.ToValue(int64(x))
		}
		return vm.ToValue(x)
	case string:
		if strings.IndexByte(x, 0xED) >= 0 && hasWTF8Surrogate(x) {
			return vm.ToValue(goja.StringFromUTF16(wtf8ToUTF16(x)))
		}
		return vm.ToValue(x)
	case []any:
		if depth >= toJSMaxDepth {
			return rt.toJSDeep(x)
		}
		vals := make([]any, len(x))
		for i, e := range x {
			vals[i] = rt.toJSDepth(e, depth+1)
		}
		return vm.NewArray(vals...)
	case *fastify.Object:
		if depth >= toJSMaxDepth {
			return rt.toJSDeep(x)
		}
		o := vm.NewObject()
		for _, m := range x.Members {
			setMember(o, m.Key, rt.toJSDepth(m.Value, depth+1))
		}
		return o
	case goja.Value:
		return x
	default:
		return vm.ToValue(x)
	}
}

// setMember defines one member of a JSON object: "__proto__" is an own
// property, as JSON.parse and fast-querystring make it, never the object's
// prototype.
func setMember(o *goja.Object, key string, v goja.Value) {
	if key == "__proto__" {
		_ = o.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		return
	}
	_ = o.Set(key, v)
}

// toJSDeep converts a deeply nested value without recursion: containers
// are made first and filled as their members are converted.
func (rt *runtime) toJSDeep(root any) goja.Value {
	vm := rt.vm
	type frame struct {
		arr  []any
		obj  *fastify.Object
		dst  *goja.Object
		vals []any // an array's converted elements, made into the array at the end
		i    int
	}
	container := func(v any) (*frame, goja.Value) {
		switch x := v.(type) {
		case []any:
			return &frame{arr: x, vals: make([]any, 0, len(x))}, nil
		case *fastify.Object:
			return &frame{obj: x, dst: vm.NewObject()}, nil
		}
		return nil, rt.toJSDepth(v, 0)
	}
	top, scalar := container(root)
	if top == nil {
		return scalar
	}
	stack := []*frame{top}
	var done goja.Value
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		var child any
		var hasChild bool
		if f.arr != nil && f.i < len(f.arr) {
			child, hasChild = f.arr[f.i], true
		} else if f.obj != nil && f.i < len(f.obj.Members) {
			child, hasChild = f.obj.Members[f.i].Value, true
		}
		if hasChild {
			if cf, v := container(child); cf != nil {
				stack = append(stack, cf)
				continue
			} else {
				rt.deepPut(f.arr != nil, f.obj, &f.vals, f.dst, f.i, v)
				f.i++
				continue
			}
		}
		// f is complete.
		var v goja.Value
		if f.obj != nil {
			v = f.dst
		} else {
			v = vm.NewArray(f.vals...)
		}
		stack = stack[:len(stack)-1]
		if len(stack) == 0 {
			done = v
			break
		}
		p := stack[len(stack)-1]
		rt.deepPut(p.arr != nil, p.obj, &p.vals, p.dst, p.i, v)
		p.i++
	}
	return done
}

func (rt *runtime) deepPut(isArr bool, obj *fastify.Object, vals *[]any, dst *goja.Object, i int, v goja.Value) {
	if isArr {
		*vals = append(*vals, v)
		return
	}
	setMember(dst, obj.Members[i].Key, v)
}

// fromJS converts a JS value into the ordered model the fastify package
// validates and serializes: objects keep their key order, Dates become
// time.Time, functions and undefined are left out of objects. The result is
// bounded (see convBudget): past it, fromJS throws a RangeError.
func (rt *runtime) fromJS(v goja.Value) any {
	out, over := rt.fromJSBounded(v)
	if over != nil {
		panic(rt.limitError(over.msg))
	}
	return out
}

// convBudget bounds one conversion: at most MaxArrayLength values and
// MaxResponseBytes of strings and keys, checked before anything is
// allocated for them, so a handler's `new Array(2 ** 32 - 1)` is an error
// instead of 64 GiB of slots.
type convBudget struct {
	values, bytes int
}

// overBudget is how a conversion that passed its budget unwinds.
type overBudget struct{ msg string }

// fromJSBounded converts v, or reports that it is larger than the budget.
func (rt *runtime) fromJSBounded(v goja.Value) (out any, over *overBudget) {
	b := convBudget{values: rt.e.cfg.MaxArrayLength, bytes: rt.e.cfg.MaxResponseBytes}
	defer func() {
		if r := recover(); r != nil {
			ob, ok := r.(*overBudget)
			if !ok {
				panic(r)
			}
			out, over = nil, ob
		}
	}()
	return rt.fromJSDepth(v, 0, &b), nil
}

func (b *convBudget) take(rt *runtime, values, bytes int) {
	b.values -= values
	b.bytes -= bytes
	if b.values < 0 {
		panic(&overBudget{fmt.Sprintf("the value holds more than %d values (engine MaxArrayLength)", rt.e.cfg.MaxArrayLength)})
	}
	if b.bytes < 0 {
		panic(&overBudget{fmt.Sprintf("the value holds more than %d bytes of strings (engine MaxResponseBytes)", rt.e.cfg.MaxResponseBytes)})
	}
}

func (rt *runtime) fromJSDepth(v goja.Value, depth int, b *convBudget) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		b.take(rt, 1, 0)
		return nil
	}
	if depth > 1000 {
		panic(rt.vm.NewTypeError("Converting circular structure to JSON"))
	}
	o, ok := v.(*goja.Object)
	if !ok {
		if s, isStr := v.(goja.String); isStr {
			// Checked before the string is converted.
			b.take(rt, 1, s.Length())
		} else {
			b.take(rt, 1, 0)
		}
		switch x := v.Export().(type) {
		case int64:
			return float64(x)
		case float64:
			return x
		case bool:
			return x
		case string:
			if str, isStr := v.(goja.String); isStr && strings.Contains(x, "\uFFFD") {
				// Maybe a lone surrogate, which Export replaced: keep it,
				// as WTF-8, the way the JSON parser gives it to toJS.
				return jsStringToWTF8(str)
			}
			return x
		default:
			return v.String()
		}
	}
	b.take(rt, 1, 0)
	switch o.ClassName() {
	case "Array":
		l := lengthOf(o)
		if l > float64(b.values) {
			b.take(rt, b.values+1, 0)
		}
		n := int(l)
		out := make([]any, n)
		for i := 0; i < n; i++ {
			out[i] = rt.fromJSDepth(o.Get(itoa(i)), depth+1, b)
		}
		return out
	case "Date":
		if t, ok := o.Export().(time.Time); ok {
			return t
		}
	case "Function":
		return nil
	case "String", "Number", "Boolean":
		return rt.fromJSDepth(rt.vm.ToValue(o.Export()), depth, b)
	}
	if tj, ok := goja.AssertFunction(o.Get("toJSON")); ok {
		r, err := tj(o)
		if err != nil {
			panic(err)
		}
		if ro, isObj := r.(*goja.Object); !isObj || ro != o {
			return rt.fromJSDepth(r, depth+1, b)
		}
	}
	if rt.isTypedArray(o) || o.ClassName() == "String" {
		// Their index keys are made by Keys: count them first.
		if l := lengthOf(o); l > float64(b.values) {
			b.take(rt, b.values+1, 0)
		}
	}
	keys := o.Keys()
	b.take(rt, len(keys), 0)
	out := fastify.NewObject(len(keys))
	if ts, ok := goja.AssertFunction(o.Get("toString")); ok && !rt.isObjectToString(o.Get("toString")) {
		if r, err := ts(o); err == nil {
			str := r.String()
			out.Text = &str
		}
	}
	for _, k := range keys {
		fv := o.Get(k)
		if fv == nil || goja.IsUndefined(fv) {
			continue
		}
		if fo, ok := fv.(*goja.Object); ok && fo.ClassName() == "Function" {
			continue
		}
		b.take(rt, 0, len(k))
		out.Set(k, rt.fromJSDepth(fv, depth+1, b))
	}
	return out
}

// parseQuery parses a query string the way fast-querystring does: repeated
// keys become arrays, '+' is a space, a key without '=' has value "".
func parseQuery(q string) *fastify.Object {
	out := fastify.NewObject(4)
	for q != "" {
		var part string
		if i := strings.IndexByte(q, '&'); i >= 0 {
			part, q = q[:i], q[i+1:]
		} else {
			part, q = q, ""
		}
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k = unescapeQuery(k)
		v = unescapeQuery(v)
		if prev, ok := out.Get(k); ok {
			if arr, isArr := prev.([]any); isArr {
				out.Set(k, append(arr, v))
			} else {
				out.Set(k, []any{prev, v})
			}
			continue
		}
		out.Set(k, v)
	}
	return out
}

// unescapeQuery decodes like fast-querystring: '+' is a space, and a
// component that decodeURIComponent would reject (a bad escape, or bytes
// that are not UTF-8) is kept as it is.
func unescapeQuery(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	s = strings.ReplaceAll(s, "+", " ")
	if !strings.Contains(s, "%") {
		return s
	}
	if u, err := url.PathUnescape(s); err == nil && utf8.ValidString(u) {
		return u
	}
	return s
}

// nodeStatusText is Node's http.STATUS_CODES, which Fastify uses for the
// "error" field; it differs from Go's in a few places.
func nodeStatusText(code int) string {
	switch code {
	case 413:
		return "Payload Too Large"
	case 416:
		return "Range Not Satisfiable"
	case 422:
		return "Unprocessable Entity"
	case 418:
		return "I'm a Teapot"
	case 509:
		return "Bandwidth Limit Exceeded"
	}
	return http.StatusText(code)
}

// hasWTF8Surrogate reports whether s holds a lone UTF-16 surrogate encoded
// as WTF-8 (ED A0..BF xx), which the JSON parser produces for "\ud800".
func hasWTF8Surrogate(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == 0xED && s[i+1] >= 0xA0 && s[i+1] <= 0xBF {
			return true
		}
	}
	return false
}

// wtf8ToUTF16 decodes WTF-8 into UTF-16 code units, keeping lone surrogates.
func wtf8ToUTF16(s string) []uint16 {
	out := make([]uint16, 0, len(s))
	for i := 0; i < len(s); {
		if i+2 < len(s) && s[i] == 0xED && s[i+1] >= 0xA0 && s[i+1] <= 0xBF {
			u := uint16(0xD000) | uint16(s[i+1]&0x3F)<<6 | uint16(s[i+2]&0x3F)
			out = append(out, u)
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}

// jsStringToWTF8 converts a JS string to UTF-8, encoding a lone surrogate
// as WTF-8 (ED A0..BF xx) instead of replacing it, so that
// fastify.AppendJSON writes it as JSON.stringify does ("\ud800").
func jsStringToWTF8(s goja.String) string {
	n := s.Length()
	out := make([]byte, 0, n)
	for i := 0; i < n; i++ {
		c := rune(s.CharAt(i))
		if c >= 0xD800 && c <= 0xDBFF && i+1 < n {
			if d := rune(s.CharAt(i + 1)); d >= 0xDC00 && d <= 0xDFFF {
				out = utf8.AppendRune(out, 0x10000+(c-0xD800)<<10+(d-0xDC00))
				i++
				continue
			}
		}
		if c >= 0xD800 && c <= 0xDFFF {
			out = append(out, 0xED, byte(0x80|(c>>6)&0x3F), byte(0x80|c&0x3F))
			continue
		}
		out = utf8.AppendRune(out, c)
	}
	return string(out)
}

// isObjectToString reports whether fn is Object.prototype.toString, the
// toString of every plain object.
func (rt *runtime) isObjectToString(fn goja.Value) bool {
	if rt.objToString == nil {
		rt.objToString = rt.vm.Get("Object").ToObject(rt.vm).Get("prototype").ToObject(rt.vm).Get("toString")
	}
	return fn.SameAs(rt.objToString)
}
