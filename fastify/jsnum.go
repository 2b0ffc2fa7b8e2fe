package fastify

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// isJSWhitespace reports the characters String.prototype.trim and
// ToNumber strip (WhiteSpace and LineTerminator).
func isJSWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

func trimJS(s string) string {
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if !isJSWhitespace(r) {
			break
		}
		s = s[n:]
	}
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if !isJSWhitespace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// jsToNumber is JavaScript's Number(s) for a string.
func jsToNumber(s string) float64 {
	s = trimJS(s)
	if s == "" {
		return 0
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			var v float64
			for i := 2; i < len(s); i++ {
				d := hexVal(s[i])
				if d < 0 || d >= base {
					return math.NaN()
				}
				v = v*float64(base) + float64(d)
			}
			if base == 16 && len(s)-2 > 13 {
				// exact rounding for long hex literals
				if u, err := strconv.ParseUint(s[2:], 16, 64); err == nil {
					return float64(u)
				}
				if f, err := strconv.ParseFloat("0x"+s[2:]+"p0", 64); err == nil {
					return f
				}
			}
			return v
		}
	}
	body := s
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	if body == "Infinity" {
		if s[0] == '-' {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	if !isDecimalLiteral(body) {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f
		}
		return math.NaN()
	}
	return f
}

// isDecimalLiteral checks StrUnsignedDecimalLiteral: digits [. digits] |
// . digits, then an optional exponent.
func isDecimalLiteral(s string) bool {
	i, n := 0, len(s)
	intDigits := 0
	for i < n && isDigit(s[i]) {
		i++
		intDigits++
	}
	fracDigits := 0
	if i < n && s[i] == '.' {
		i++
		for i < n && isDigit(s[i]) {
			i++
			fracDigits++
		}
	}
	if intDigits == 0 && fracDigits == 0 {
		return false
	}
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < n && (s[i] == '+' || s[i] == '-') {
			i++
		}
		e := 0
		for i < n && isDigit(s[i]) {
			i++
			e++
		}
		if e == 0 {
			return false
		}
	}
	return i == n
}

// jsParseInt is parseInt(String(f)) for a number, as Ajv's multipleOf uses.
func jsParseIntOfNumber(f float64) float64 {
	s := FormatNumber(f)
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = s[1:]
	}
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return math.NaN()
	}
	v, _ := strconv.ParseFloat(s[:i], 64)
	if neg {
		v = -v
	}
	return v
}
