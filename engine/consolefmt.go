package engine

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/tarsus/tarsus/fastify"
)

// hostConsoleArgs(level, args, prefix) prints one console line. The
// arguments are formatted here, the way console.log did in JS (strings as
// they are, errors by their stack, functions as [Function: name], objects
// as JSON, the rest through String), but the formatter stops once the line
// passes MaxLogLine: a 30 MB string or an object of a million keys costs
// no more than the line it makes.
func (rt *runtime) hostConsoleArgs(c goja.FunctionCall) goja.Value {
	f := consoleFmt{rt: rt, max: rt.e.cfg.MaxLogLine + 1}
	f.b.WriteString(c.Argument(2).String())
	if args, ok := c.Argument(1).(*goja.Object); ok {
		n := int(min(lengthOf(args), float64(f.max)))
		for i := 0; i < n && !f.full(); i++ {
			if i > 0 {
				f.b.WriteByte(' ')
			}
			f.arg(args.Get(itoa(i)))
		}
	}
	rt.consoleLine(c.Argument(0).String(), f.b.String())
	return goja.Undefined()
}

type consoleFmt struct {
	rt  *runtime
	b   strings.Builder
	max int // stop writing past this many bytes (consoleLine cuts the line)
}

func (f *consoleFmt) full() bool { return f.b.Len() >= f.max }

// str writes at most what is left of the line of the JS string v, cutting
// it before it is converted.
func (f *consoleFmt) str(v goja.Value) {
	left := f.max - f.b.Len()
	if left <= 0 {
		return
	}
	if s, ok := v.(goja.String); ok && s.Length() > left {
		v = s.Substring(0, left)
	}
	f.b.WriteString(v.String())
}

func (f *consoleFmt) arg(v goja.Value) {
	switch {
	case v == nil || goja.IsUndefined(v):
		f.b.WriteString("undefined")
		return
	case goja.IsNull(v):
		f.b.WriteString("null")
		return
	}
	o, isObj := v.(*goja.Object)
	if !isObj {
		f.str(v)
		return
	}
	switch o.ClassName() {
	case "Function":
		name := o.Get("name")
		if name == nil || name.String() == "" {
			f.b.WriteString("[Function: anonymous]")
		} else {
			f.b.WriteString("[Function: ")
			f.str(name)
			f.b.WriteByte(']')
		}
		return
	case "Error":
		if st := o.Get("stack"); st != nil && !goja.IsUndefined(st) && st.String() != "" {
			f.str(st)
		} else {
			f.str(o)
		}
		return
	}
	f.json(o, 0, map[*goja.Object]bool{})
}

// json writes v as JSON.stringify would, as far as the line goes.
// Circular references print as "[Circular]".
func (f *consoleFmt) json(v goja.Value, depth int, seen map[*goja.Object]bool) {
	if f.full() {
		return
	}
	switch {
	case v == nil || goja.IsUndefined(v) || goja.IsNull(v):
		f.b.WriteString("null")
		return
	}
	o, isObj := v.(*goja.Object)
	if !isObj {
		switch x := v.Export().(type) {
		case string:
			left := f.max - f.b.Len()
			s := v
			if str, ok := v.(goja.String); ok && str.Length() > left {
				s = str.Substring(0, left)
			}
			f.b.Write(fastify.AppendJSON(nil, s.String()))
		case bool, int64:
			f.b.WriteString(v.String())
		case float64:
			if x != x || x > 1.7976931348623157e308 || x < -1.7976931348623157e308 {
				f.b.WriteString("null")
			} else {
				f.b.WriteString(v.String())
			}
		default:
			f.b.Write(fastify.AppendJSON(nil, v.String()))
		}
		return
	}
	if seen[o] || depth > 64 {
		f.b.WriteString(`"[Circular]"`)
		return
	}
	if tj, ok := goja.AssertFunction(o.Get("toJSON")); ok {
		r, err := tj(o)
		if err != nil {
			panic(err)
		}
		if ro, same := r.(*goja.Object); !same || ro != o {
			f.json(r, depth+1, seen)
			return
		}
	}
	switch o.ClassName() {
	case "Function":
		f.b.WriteString("null")
		return
	case "String", "Number", "Boolean":
		f.json(f.rt.vm.ToValue(o.Export()), depth, seen)
		return
	}
	seen[o] = true
	defer delete(seen, o)
	if o.ClassName() == "Array" {
		f.b.WriteByte('[')
		n := int(min(lengthOf(o), float64(f.max)))
		for i := 0; i < n && !f.full(); i++ {
			if i > 0 {
				f.b.WriteByte(',')
			}
			e := o.Get(itoa(i))
			if eo, ok := e.(*goja.Object); ok && eo.ClassName() == "Function" {
				e = goja.Null()
			}
			f.json(e, depth+1, seen)
		}
		f.b.WriteByte(']')
		return
	}
	f.b.WriteByte('{')
	first := true
	for _, k := range o.Keys() {
		if f.full() {
			break
		}
		e := o.Get(k)
		if e == nil || goja.IsUndefined(e) {
			continue
		}
		if eo, ok := e.(*goja.Object); ok && eo.ClassName() == "Function" {
			continue
		}
		if !first {
			f.b.WriteByte(',')
		}
		first = false
		f.b.Write(fastify.AppendJSON(nil, k))
		f.b.WriteByte(':')
		f.json(e, depth+1, seen)
	}
	f.b.WriteByte('}')
}
