package fastify

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// SyntaxError is a body that JSON.parse (or secure-json-parse) rejects.
// Error returns exactly the message Node 20 puts on the thrown SyntaxError.
type SyntaxError struct {
	msg string
	// Offset is the UTF-16 position V8 reports, or -1 when the message
	// carries none (end of input, prototype poisoning).
	Offset int
}

func (e *SyntaxError) Error() string { return e.msg }

// Messages of the errors Fastify 5's default JSON content-type parser sends
// (as a 400 response) instead of the JSON.parse message.
const (
	MsgEmptyJSONBody   = "Body cannot be empty when content-type is set to 'application/json'"
	MsgInvalidJSONBody = "Body is not valid JSON but content-type is set to 'application/json'"
	CodeEmptyJSONBody  = "FST_ERR_CTP_EMPTY_JSON_BODY"
	CodeInvalidJSON    = "FST_ERR_CTP_INVALID_JSON_BODY"
	msgProtoPoisoning  = "Object contains forbidden prototype property"
)

// ParseJSON parses a request body the way Fastify 5's default JSON parser
// does: the bytes are decoded as UTF-8 (invalid sequences become U+FFFD as
// Buffer.toString does), one leading BOM is dropped, the text is parsed with
// V8's JSON.parse grammar and the result is checked by secure-json-parse
// with protoAction and constructorAction "error". Numbers become float64;
// duplicate keys keep the first position and the last value.
//
// On failure the error is a *SyntaxError whose text is Node 20's. (Fastify
// itself answers any such failure with MsgInvalidJSONBody, and an empty body
// with MsgEmptyJSONBody.)
func ParseJSON(data []byte) (any, error) {
	if !utf8.Valid(data) {
		data = toWellFormedUTF8(data)
	}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		data = data[3:]
	}
	p := parser{src: data}
	v, err := p.parse()
	if err != nil {
		return nil, err
	}
	if p.suspect && poisoned(v) {
		return nil, &SyntaxError{msg: msgProtoPoisoning, Offset: -1}
	}
	return v, nil
}

// poisoned reports what secure-json-parse's filter rejects: an own
// "__proto__" key, or an own "constructor" key whose value is an object
// (or array) with an own "prototype" key.
func poisoned(v any) bool {
	switch x := v.(type) {
	case *Object:
		for _, m := range x.Members {
			if m.Key == "__proto__" {
				return true
			}
			if m.Key == "constructor" {
				if c, ok := m.Value.(*Object); ok {
					if _, ok := c.Get("prototype"); ok {
						return true
					}
				}
			}
			if poisoned(m.Value) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if poisoned(e) {
				return true
			}
		}
	}
	return false
}

// toWellFormedUTF8 replaces ill-formed sequences with U+FFFD following the
// WHATWG "maximal subpart" rule that Node's UTF-8 decoder applies.
func toWellFormedUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+8)
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			out = append(out, c)
			i++
			continue
		}
		need, lo, hi := 0, byte(0x80), byte(0xBF)
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need = 1
		case c == 0xE0:
			need, lo = 2, 0xA0
		case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
			need = 2
		case c == 0xED:
			need, hi = 2, 0x9F
		case c == 0xF0:
			need, lo = 3, 0x90
		case c >= 0xF1 && c <= 0xF3:
			need = 3
		case c == 0xF4:
			need, hi = 3, 0x8F
		default:
			out = append(out, "\uFFFD"...)
			i++
			continue
		}
		j := i + 1
		ok := true
		for k := 0; k < need; k++ {
			if j >= len(b) || b[j] < lo || b[j] > hi {
				ok = false
				break
			}
			lo, hi = 0x80, 0xBF
			j++
		}
		if ok {
			out = append(out, b[i:j]...)
		} else {
			out = append(out, "\uFFFD"...)
		}
		i = j
	}
	return out
}

type parser struct {
	src     []byte
	pos     int
	suspect bool // saw a "__proto__" or "constructor" key
	err     *SyntaxError
}

type frame struct {
	obj *Object
	arr []any
	key string
}

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *parser) skipWS() {
	for p.pos < len(p.src) && isWS(p.src[p.pos]) {
		p.pos++
	}
}

// template messages that carry a position
const (
	tplPropNameOrRBrace = "Expected property name or '}' in JSON at position "
	tplColonAfterName   = "Expected ':' after property name in JSON at position "
	tplDoubleQuotedName = "Expected double-quoted property name in JSON at position "
	tplCommaOrRBrace    = "Expected ',' or '}' after property value in JSON at position "
	tplCommaOrRBrack    = "Expected ',' or ']' after array element in JSON at position "
	tplNonWhitespace    = "Unexpected non-whitespace character after JSON at position "
	tplBadControl       = "Bad control character in string literal in JSON at position "
	tplBadUnicode       = "Bad Unicode escape in JSON at position "
	tplBadEscape        = "Bad escaped character in JSON at position "
	tplUnterminated     = "Unterminated string in JSON at position "
	tplNoNumberMinus    = "No number after minus sign in JSON at position "
	tplUnterminatedFrac = "Unterminated fractional number in JSON at position "
	tplExponentMissing  = "Exponent part is missing a number in JSON at position "
)

// fail reports an error with a fixed template at the current position.
func (p *parser) fail(tpl string) {
	if p.err != nil {
		return
	}
	u := utf16Pos(p.src, p.pos)
	p.err = &SyntaxError{msg: tpl + strconv.Itoa(u), Offset: u}
}

// failToken reports the token-dependent message for the character at the
// current position (V8 LookUpErrorMessageForJsonToken).
func (p *parser) failToken() {
	if p.err != nil {
		return
	}
	if p.pos >= len(p.src) {
		p.err = &SyntaxError{msg: "Unexpected end of JSON input", Offset: -1}
		return
	}
	u := utf16Pos(p.src, p.pos)
	c := p.src[p.pos]
	switch {
	case c == '"':
		p.err = &SyntaxError{msg: "Unexpected string in JSON at position " + strconv.Itoa(u), Offset: u}
		return
	case c == '-' || (c >= '0' && c <= '9'):
		p.err = &SyntaxError{msg: "Unexpected number in JSON at position " + strconv.Itoa(u), Offset: u}
		return
	}
	s := string(p.src)
	switch s {
	case "[object Object]", "undefined", "Infinity", "NaN":
		p.err = &SyntaxError{msg: `"` + s + `" is not valid JSON`, Offset: u}
		return
	}
	units := utf16.Encode([]rune(s))
	tok := unitsString(units[u : u+1])
	var msg string
	const ctx = 10
	if len(units) < 2*ctx+1 {
		msg = "Unexpected token '" + tok + "', \"" + s + "\" is not valid JSON"
	} else if u < ctx {
		msg = "Unexpected token '" + tok + "', \"" + unitsString(units[:u+ctx]) + "\"... is not valid JSON"
	} else if u < len(units)-ctx {
		msg = "Unexpected token '" + tok + "', ...\"" + unitsString(units[u-ctx:u+ctx]) + "\"... is not valid JSON"
	} else {
		msg = "Unexpected token '" + tok + "', ...\"" + unitsString(units[u-ctx:]) + "\" is not valid JSON"
	}
	p.err = &SyntaxError{msg: msg, Offset: u}
}

// unitsString converts UTF-16 code units to a Go string; a lone surrogate
// (possible when V8 cuts context mid-pair) becomes U+FFFD.
func unitsString(u []uint16) string {
	return string(utf16.Decode(u))
}

// utf16Pos converts a byte offset in valid UTF-8 to a UTF-16 offset.
func utf16Pos(src []byte, off int) int {
	n := 0
	for i := 0; i < off && i < len(src); {
		c := src[i]
		switch {
		case c < 0x80:
			i++
			n++
		case c < 0xE0:
			i += 2
			n++
		case c < 0xF0:
			i += 3
			n++
		default:
			i += 4
			n += 2
		}
	}
	return n
}

func (p *parser) parse() (any, error) {
	var stack []frame
	var value any
	for {
		// Produce a value.
	produce:
		for {
			p.skipWS()
			if p.pos >= len(p.src) {
				p.failToken()
				return nil, p.err
			}
			switch c := p.src[p.pos]; c {
			case '"':
				p.pos++
				s, ok := p.scanString()
				if !ok {
					return nil, p.err
				}
				value = s
				break produce
			case '{':
				p.pos++
				p.skipWS()
				if p.pos < len(p.src) && p.src[p.pos] == '}' {
					p.pos++
					value = &Object{}
					break produce
				}
				if p.pos >= len(p.src) || p.src[p.pos] != '"' {
					p.fail(tplPropNameOrRBrace)
					return nil, p.err
				}
				p.pos++
				key, ok := p.scanKey()
				if !ok {
					return nil, p.err
				}
				p.skipWS()
				if p.pos >= len(p.src) || p.src[p.pos] != ':' {
					p.fail(tplColonAfterName)
					return nil, p.err
				}
				p.pos++
				stack = append(stack, frame{obj: &Object{}, key: key})
				continue
			case '[':
				p.pos++
				p.skipWS()
				if p.pos < len(p.src) && p.src[p.pos] == ']' {
					p.pos++
					value = []any{}
					break produce
				}
				stack = append(stack, frame{arr: []any{}})
				continue
			case 't':
				if !p.literal("true") {
					return nil, p.err
				}
				value = true
				break produce
			case 'f':
				if !p.literal("false") {
					return nil, p.err
				}
				value = false
				break produce
			case 'n':
				if !p.literal("null") {
					return nil, p.err
				}
				value = nil
				break produce
			default:
				if c == '-' || (c >= '0' && c <= '9') {
					f, ok := p.number()
					if !ok {
						return nil, p.err
					}
					value = f
					break produce
				}
				p.failToken()
				return nil, p.err
			}
		}
		// Consume the produced value.
		for {
			if len(stack) == 0 {
				p.skipWS()
				if p.pos < len(p.src) {
					p.fail(tplNonWhitespace)
					return nil, p.err
				}
				return value, nil
			}
			top := &stack[len(stack)-1]
			if top.obj != nil {
				top.obj.Set(top.key, value)
				p.skipWS()
				if p.pos < len(p.src) && p.src[p.pos] == ',' {
					p.pos++
					p.skipWS()
					if p.pos >= len(p.src) || p.src[p.pos] != '"' {
						p.fail(tplDoubleQuotedName)
						return nil, p.err
					}
					p.pos++
					key, ok := p.scanKey()
					if !ok {
						return nil, p.err
					}
					top.key = key
					p.skipWS()
					if p.pos >= len(p.src) || p.src[p.pos] != ':' {
						p.failToken()
						return nil, p.err
					}
					p.pos++
					break
				}
				if p.pos >= len(p.src) || p.src[p.pos] != '}' {
					p.fail(tplCommaOrRBrace)
					return nil, p.err
				}
				p.pos++
				value = top.obj
				stack = stack[:len(stack)-1]
				continue
			}
			top.arr = append(top.arr, value)
			p.skipWS()
			if p.pos < len(p.src) && p.src[p.pos] == ',' {
				p.pos++
				break
			}
			if p.pos >= len(p.src) || p.src[p.pos] != ']' {
				p.fail(tplCommaOrRBrack)
				return nil, p.err
			}
			p.pos++
			value = top.arr
			stack = stack[:len(stack)-1]
		}
	}
}

func (p *parser) scanKey() (string, bool) {
	s, ok := p.scanString()
	if ok && (s == "__proto__" || s == "constructor") {
		p.suspect = true
	}
	return s, ok
}

func (p *parser) literal(lit string) bool {
	rest := p.src[p.pos:]
	if len(rest) >= len(lit) && string(rest[:len(lit)]) == lit {
		p.pos += len(lit)
		return true
	}
	p.pos++
	for i := 1; i < len(lit); i++ {
		if p.pos >= len(p.src) {
			break
		}
		if p.src[p.pos] != lit[i] {
			p.failToken()
			return false
		}
		p.pos++
	}
	p.failToken() // end of input
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *parser) cur() int {
	if p.pos >= len(p.src) {
		return -1
	}
	return int(p.src[p.pos])
}

func (p *parser) number() (float64, bool) {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	c := p.cur()
	if c == '0' {
		p.pos++
		if c := p.cur(); c >= '0' && c <= '9' {
			p.failToken()
			return 0, false
		}
	} else {
		d := p.pos
		for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
			p.pos++
		}
		if d == p.pos {
			p.fail(tplNoNumberMinus)
			return 0, false
		}
	}
	if p.cur() == '.' {
		p.pos++
		if c := p.cur(); c < '0' || c > '9' {
			p.fail(tplUnterminatedFrac)
			return 0, false
		}
		for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
			p.pos++
		}
	}
	if c := p.cur(); c == 'e' || c == 'E' {
		p.pos++
		if c := p.cur(); c == '+' || c == '-' {
			p.pos++
		}
		if c := p.cur(); c < '0' || c > '9' {
			p.fail(tplExponentMissing)
			return 0, false
		}
		for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
			p.pos++
		}
	}
	f, err := strconv.ParseFloat(string(p.src[start:p.pos]), 64)
	if err != nil && f == 0 {
		// ParseFloat reports range errors with ±Inf or 0, which match JS.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			p.fail(tplNoNumberMinus)
			return 0, false
		}
	}
	return f, true
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// scanString scans after the opening quote.
func (p *parser) scanString() (string, bool) {
	start := p.pos
	// Fast path: no escapes.
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '"' {
			s := string(p.src[start:p.pos])
			p.pos++
			return s, true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.pos++
	}
	var sb strings.Builder
	sb.Write(p.src[start:p.pos])
	var pendingHigh rune = -1 // high surrogate waiting for its pair
	flushHigh := func() {
		if pendingHigh >= 0 {
			writeSurrogate(&sb, pendingHigh)
			pendingHigh = -1
		}
	}
	for {
		if p.pos >= len(p.src) {
			p.fail(tplUnterminated)
			return "", false
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			flushHigh()
			p.pos++
			return sb.String(), true
		case c < 0x20:
			p.fail(tplBadControl)
			return "", false
		case c == '\\':
			p.pos++
			if p.pos >= len(p.src) {
				p.failToken()
				return "", false
			}
			e := p.src[p.pos]
			if e >= 0x80 {
				// A non-ASCII character after a backslash: V8 reports an
				// unexpected token (Latin-1 ones are "Bad escaped character").
				r, _ := utf8.DecodeRune(p.src[p.pos:])
				if r <= 0xFF {
					p.fail(tplBadEscape)
				} else {
					p.failToken()
				}
				return "", false
			}
			var r rune
			switch e {
			case '"', '\\', '/':
				r = rune(e)
			case 'b':
				r = '\b'
			case 'f':
				r = '\f'
			case 'n':
				r = '\n'
			case 'r':
				r = '\r'
			case 't':
				r = '\t'
			case 'u':
				v := 0
				for i := 0; i < 4; i++ {
					p.pos++
					if p.pos >= len(p.src) {
						p.fail(tplBadUnicode)
						return "", false
					}
					h := hexVal(p.src[p.pos])
					if h < 0 {
						p.fail(tplBadUnicode)
						return "", false
					}
					v = v*16 + h
				}
				r = rune(v)
			default:
				p.fail(tplBadEscape)
				return "", false
			}
			p.pos++
			if r >= 0xD800 && r <= 0xDBFF {
				flushHigh()
				pendingHigh = r
				continue
			}
			if r >= 0xDC00 && r <= 0xDFFF {
				if pendingHigh >= 0 {
					sb.WriteRune(utf16.DecodeRune(pendingHigh, r))
					pendingHigh = -1
					continue
				}
				writeSurrogate(&sb, r)
				continue
			}
			flushHigh()
			sb.WriteRune(r)
		default:
			flushHigh()
			q := p.pos
			for p.pos < len(p.src) && p.src[p.pos] != '"' && p.src[p.pos] != '\\' && p.src[p.pos] >= 0x20 {
				p.pos++
			}
			sb.Write(p.src[q:p.pos])
		}
	}
}

// writeSurrogate stores a lone UTF-16 surrogate the way WTF-8 does (three
// bytes ED A0..BF xx). JavaScript strings may hold lone surrogates; this
// keeps them distinguishable so AppendJSON can print "\udxxx" as V8 does.
func writeSurrogate(sb *strings.Builder, r rune) {
	sb.WriteByte(byte(0xE0 | (r >> 12)))
	sb.WriteByte(byte(0x80 | ((r >> 6) & 0x3F)))
	sb.WriteByte(byte(0x80 | (r & 0x3F)))
}
