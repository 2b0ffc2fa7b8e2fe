package engine

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// TextDecoder decodes UTF-8 as the WHATWG Encoding Standard does: each
// maximal invalid subpart becomes one U+FFFD (Go's strings.ToValidUTF8
// would fold a run of them into one), a sequence cut at the end of a
// {stream: true} call waits for the next call, and the BOM is dropped at
// the start of a stream unless ignoreBOM.

// utf8Decoder is the Encoding Standard's UTF-8 decoder state.
type utf8Decoder struct {
	cp           rune
	need, seen   int
	lower, upper byte
}

// decode appends the UTF-16 units of b to out. flush ends the stream: a
// cut sequence becomes U+FFFD. fatal stops at the first error (ok false).
func (d *utf8Decoder) decode(b []byte, flush, fatal bool, out []uint16) ([]uint16, bool) {
	if d.lower == 0 {
		d.lower, d.upper = 0x80, 0xBF
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if d.need == 0 {
			switch {
			case c < 0x80:
				out = append(out, uint16(c))
			case c >= 0xC2 && c <= 0xDF:
				d.need, d.cp = 1, rune(c&0x1F)
			case c >= 0xE0 && c <= 0xEF:
				if c == 0xE0 {
					d.lower = 0xA0
				} else if c == 0xED {
					d.upper = 0x9F
				}
				d.need, d.cp = 2, rune(c&0xF)
			case c >= 0xF0 && c <= 0xF4:
				if c == 0xF0 {
					d.lower = 0x90
				} else if c == 0xF4 {
					d.upper = 0x8F
				}
				d.need, d.cp = 3, rune(c&0x7)
			default:
				if fatal {
					return out, false
				}
				out = append(out, 0xFFFD)
			}
			continue
		}
		if c < d.lower || c > d.upper {
			*d = utf8Decoder{lower: 0x80, upper: 0xBF}
			if fatal {
				return out, false
			}
			out = append(out, 0xFFFD)
			i-- // the byte starts over
			continue
		}
		d.lower, d.upper = 0x80, 0xBF
		d.cp = d.cp<<6 | rune(c&0x3F)
		if d.seen++; d.seen == d.need {
			if d.cp >= 0x10000 {
				r1, r2 := utf16.EncodeRune(d.cp)
				out = append(out, uint16(r1), uint16(r2))
			} else {
				out = append(out, uint16(d.cp))
			}
			d.cp, d.need, d.seen = 0, 0, 0
		}
	}
	if flush && d.need != 0 {
		*d = utf8Decoder{lower: 0x80, upper: 0xBF}
		if fatal {
			return out, false
		}
		out = append(out, 0xFFFD)
	}
	return out, true
}

// textDecoderClass is the TextDecoder constructor (UTF-8 only).
func (rt *runtime) textDecoderClass() goja.Value {
	vm := rt.vm
	return vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		label := "utf-8"
		if a := call.Argument(0); !goja.IsUndefined(a) {
			label = strings.ToLower(strings.Trim(a.String(), " \t\n\f\r"))
		}
		switch label {
		case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8":
		default:
			e := vm.NewTypeError(fmt.Sprintf("The %q encoding is not supported (Tarsus's TextDecoder decodes utf-8 only)", label))
			_ = e.Set("code", "ERR_ENCODING_NOT_SUPPORTED")
			panic(e)
		}
		fatal, ignoreBOM := false, false
		if opt, ok := call.Argument(1).(*goja.Object); ok {
			fatal = opt.Get("fatal") != nil && opt.Get("fatal").ToBoolean()
			ignoreBOM = opt.Get("ignoreBOM") != nil && opt.Get("ignoreBOM").ToBoolean()
		}
		var d utf8Decoder
		bomDone := false // the stream's start is past (its BOM, if any, dropped)
		o := call.This
		_ = o.DefineDataProperty("encoding", vm.ToValue("utf-8"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = o.DefineDataProperty("fatal", vm.ToValue(fatal), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = o.DefineDataProperty("ignoreBOM", vm.ToValue(ignoreBOM), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = o.Set("decode", func(c goja.FunctionCall) goja.Value {
			stream := false
			if opt, ok := c.Argument(1).(*goja.Object); ok {
				if s := opt.Get("stream"); s != nil {
					stream = s.ToBoolean()
				}
			}
			var b []byte
			if a := c.Argument(0); !goja.IsUndefined(a) && !goja.IsNull(a) {
				// A view of the bytes: a plain array or an array-like is
				// refused, as in browsers, never converted from its length.
				var ok bool
				if b, ok = rt.viewBytes(a); !ok {
					e := vm.NewTypeError(`The "input" argument must be an instance of ArrayBuffer or ArrayBufferView.`)
					_ = e.Set("code", "ERR_INVALID_ARG_TYPE")
					panic(e)
				}
			}
			// At most one UTF-16 unit per byte, plus one for a cut sequence.
			if n := len(b) + 1; n > rt.e.cfg.MaxStringLen {
				rt.stringTooLong("TextDecoder.decode's result", float64(n))
			}
			out, ok := d.decode(b, !stream, fatal, make([]uint16, 0, len(b)+1))
			if !ok {
				d, bomDone = utf8Decoder{}, false
				e := vm.NewTypeError("The encoded data was not valid for encoding utf-8")
				_ = e.Set("code", "ERR_ENCODING_INVALID_ENCODED_DATA")
				panic(e)
			}
			if !bomDone && len(out) > 0 {
				if !ignoreBOM && out[0] == 0xFEFF {
					out = out[1:]
				}
				bomDone = true
			}
			if !stream {
				bomDone = false
			}
			return vm.ToValue(goja.StringFromUTF16(out))
		})
		return nil
	})
}

// encodeInto(source, destination) writes the UTF-8 of source into the
// Uint8Array destination, only whole characters, and returns
// {read, written} (read in UTF-16 units).
func (rt *runtime) encodeInto(c goja.FunctionCall) goja.Value {
	vm := rt.vm
	dst, ok := c.Argument(1).(*goja.Object)
	var buf []byte
	if ok && rt.isTypedArray(dst) && dst.Get("BYTES_PER_ELEMENT") != nil && dst.Get("BYTES_PER_ELEMENT").ToInteger() == 1 {
		buf, ok = rt.viewBytes(dst)
	} else {
		ok = false
	}
	if !ok {
		e := vm.NewTypeError(`The "dest" argument must be an instance of Uint8Array.`)
		_ = e.Set("code", "ERR_INVALID_ARG_TYPE")
		panic(e)
	}
	var src goja.String
	if s, isStr := c.Argument(0).(goja.String); isStr {
		src = s
	} else {
		src, _ = vm.ToValue(c.Argument(0).String()).(goja.String)
	}
	read, written := 0, 0
	n := src.Length()
	var tmp [4]byte
	for read < n && written < len(buf) {
		u := rune(src.CharAt(read))
		units := 1
		if u >= 0xD800 && u <= 0xDBFF && read+1 < n {
			if l := rune(src.CharAt(read + 1)); l >= 0xDC00 && l <= 0xDFFF {
				u, units = utf16.DecodeRune(u, l), 2
			}
		}
		if u >= 0xD800 && u <= 0xDFFF {
			u = 0xFFFD
		}
		k := encodeRune(tmp[:], u)
		if written+k > len(buf) {
			break
		}
		copy(buf[written:], tmp[:k])
		written += k
		read += units
	}
	o := vm.NewObject()
	_ = o.Set("read", read)
	_ = o.Set("written", written)
	return o
}

func encodeRune(p []byte, r rune) int {
	switch {
	case r < 0x80:
		p[0] = byte(r)
		return 1
	case r < 0x800:
		p[0], p[1] = 0xC0|byte(r>>6), 0x80|byte(r)&0x3F
		return 2
	case r < 0x10000:
		p[0], p[1], p[2] = 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F
		return 3
	}
	p[0], p[1], p[2], p[3] = 0xF0|byte(r>>18), 0x80|byte(r>>12)&0x3F, 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F
	return 4
}
