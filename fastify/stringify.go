package fastify

import (
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// FormatNumber returns what JavaScript's Number.prototype.toString() (and
// String(n)) gives for f: the shortest round-tripping digits, plain
// notation for exponents −7 < e < 21, otherwise "1.5e+21" style; -0 is "0".
func FormatNumber(f float64) string {
	return string(appendNumber(nil, f))
}

func appendNumber(dst []byte, f float64) []byte {
	switch {
	case f != f:
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		return append(dst, '0')
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		if math.Abs(f) < 1<<53 {
			return strconv.AppendInt(dst, int64(f), 10)
		}
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	// e is d[.ddd]e±XX
	var digits [24]byte
	nd := 0
	i := 0
	for ; i < len(e) && e[i] != 'e'; i++ {
		if e[i] != '.' {
			digits[nd] = e[i]
			nd++
		}
	}
	exp, _ := strconv.Atoi(string(e[i+1:]))
	n := exp + 1 // position of the decimal point
	k := nd
	switch {
	case k <= n && n <= 21:
		dst = append(dst, digits[:k]...)
		for j := 0; j < n-k; j++ {
			dst = append(dst, '0')
		}
	case 0 < n && n <= 21:
		dst = append(dst, digits[:n]...)
		dst = append(dst, '.')
		dst = append(dst, digits[n:k]...)
	case -6 < n && n <= 0:
		dst = append(dst, '0', '.')
		for j := 0; j < -n; j++ {
			dst = append(dst, '0')
		}
		dst = append(dst, digits[:k]...)
	default:
		dst = append(dst, digits[0])
		if k > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:k]...)
		}
		dst = append(dst, 'e')
		if n-1 >= 0 {
			dst = append(dst, '+')
		}
		dst = strconv.AppendInt(dst, int64(n-1), 10)
	}
	return dst
}

// appendJSONNumber is JSON.stringify for a number: non-finite → null.
func appendJSONNumber(dst []byte, f float64) []byte {
	if f != f || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	return appendNumber(dst, f)
}

// AppendJSON appends JSON.stringify(v) (no indentation). v may contain nil,
// bool, float64, float32, int, int64, string, []any, *Object and time.Time
// (serialized as Date.prototype.toISOString, like a Date's toJSON). Values
// of other types are written as null, as JSON.stringify does for functions
// and symbols inside arrays. Lone surrogates held in WTF-8 form (see
// ParseJSON) are written as \udxxx escapes.
func AppendJSON(dst []byte, v any) []byte {
	return appendJSONDepth(dst, v, 0)
}

// deep nesting switches to an explicit stack so that hostile bodies cannot
// exhaust the goroutine stack
const maxRecursiveDepth = 1000

func appendJSONDepth(dst []byte, v any, depth int) []byte {
	if depth > maxRecursiveDepth {
		return appendJSONIter(dst, v)
	}
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case bool:
		if x {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case float64:
		return appendJSONNumber(dst, x)
	case float32:
		return appendJSONNumber(dst, float64(x))
	case int:
		return appendJSONNumber(dst, float64(x))
	case int64:
		return appendJSONNumber(dst, float64(x))
	case string:
		return appendQuoted(dst, x)
	case time.Time:
		return appendISOTimeQuoted(dst, x)
	case []any:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONDepth(dst, e, depth+1)
		}
		return append(dst, ']')
	case *Object:
		if x == nil {
			return append(dst, "null"...)
		}
		dst = append(dst, '{')
		for i, m := range x.Members {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendQuoted(dst, m.Key)
			dst = append(dst, ':')
			dst = appendJSONDepth(dst, m.Value, depth+1)
		}
		return append(dst, '}')
	}
	return append(dst, "null"...)
}

// appendJSONIter is AppendJSON without recursion.
func appendJSONIter(dst []byte, v any) []byte {
	type frame struct {
		arr []any
		obj *Object
		i   int
	}
	var stack []frame
	for {
		switch x := v.(type) {
		case []any:
			dst = append(dst, '[')
			stack = append(stack, frame{arr: x})
		case *Object:
			if x == nil {
				dst = append(dst, "null"...)
				break
			}
			dst = append(dst, '{')
			stack = append(stack, frame{obj: x})
		default:
			dst = appendJSONDepth(dst, x, 0)
		}
		// find the next value to write
		for {
			if len(stack) == 0 {
				return dst
			}
			top := &stack[len(stack)-1]
			if top.obj != nil {
				if top.i < len(top.obj.Members) {
					if top.i > 0 {
						dst = append(dst, ',')
					}
					m := top.obj.Members[top.i]
					top.i++
					dst = appendQuoted(dst, m.Key)
					dst = append(dst, ':')
					v = m.Value
					break
				}
				dst = append(dst, '}')
			} else {
				if top.i < len(top.arr) {
					if top.i > 0 {
						dst = append(dst, ',')
					}
					v = top.arr[top.i]
					top.i++
					break
				}
				dst = append(dst, ']')
			}
			stack = stack[:len(stack)-1]
		}
	}
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s as a JSON string literal escaped as JSON.stringify
// does (well-formed JSON.stringify: lone surrogates as \udxxx).
func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x80 {
			i++
			continue
		}
		if c < 0x80 {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"':
				dst = append(dst, '\\', '"')
			case '\\':
				dst = append(dst, '\\', '\\')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			if sr, ok := surrogateAt(s, i); ok {
				dst = append(dst, '\\', 'u', 'd', hexDigits[(sr>>8)&0xF], hexDigits[(sr>>4)&0xF], hexDigits[sr&0xF])
				i += 3
			} else {
				dst = append(dst, "\uFFFD"...)
				i++
			}
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// surrogateAt decodes a WTF-8 encoded surrogate (ED A0..BF 80..BF) at s[i].
func surrogateAt(s string, i int) (rune, bool) {
	if i+2 < len(s) && s[i] == 0xED && s[i+1] >= 0xA0 && s[i+1] <= 0xBF && s[i+2] >= 0x80 && s[i+2] <= 0xBF {
		return 0xD000 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), true
	}
	return 0, false
}

// appendISOTime appends Date.prototype.toISOString of t (in UTC, with
// milliseconds; years outside 0..9999 use the ±YYYYYY form).
func appendISOTime(dst []byte, t time.Time) []byte {
	t = t.UTC()
	y := t.Year()
	switch {
	case y < 0:
		dst = append(dst, '-')
		dst = appendPad(dst, -y, 6)
	case y > 9999:
		dst = append(dst, '+')
		dst = appendPad(dst, y, 6)
	default:
		dst = appendPad(dst, y, 4)
	}
	dst = append(dst, '-')
	dst = appendPad(dst, int(t.Month()), 2)
	dst = append(dst, '-')
	dst = appendPad(dst, t.Day(), 2)
	dst = append(dst, 'T')
	dst = appendPad(dst, t.Hour(), 2)
	dst = append(dst, ':')
	dst = appendPad(dst, t.Minute(), 2)
	dst = append(dst, ':')
	dst = appendPad(dst, t.Second(), 2)
	dst = append(dst, '.')
	dst = appendPad(dst, t.Nanosecond()/1e6, 3)
	return append(dst, 'Z')
}

func appendISOTimeQuoted(dst []byte, t time.Time) []byte {
	dst = append(dst, '"')
	dst = appendISOTime(dst, t)
	return append(dst, '"')
}

func appendPad(dst []byte, v, width int) []byte {
	var b [12]byte
	s := strconv.AppendInt(b[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}
