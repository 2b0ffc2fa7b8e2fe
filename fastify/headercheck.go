package fastify

import "unicode/utf8"

// HeaderError is Node's error for a response header it refuses to send
// (http.ServerResponse.setHeader / writeHead): a name that is not an HTTP
// token, or a value with a character outside tab, 0x20-0x7E and
// 0x80-0xFF (CR and LF, which would split the response, among them).
// Fastify 5 answers it as a 500 with the error's code and message.
type HeaderError struct {
	Code    string // ERR_INVALID_HTTP_TOKEN or ERR_INVALID_CHAR
	Message string // Node's message, e.g. `Invalid character in header content ["x"]`
}

func (e *HeaderError) Error() string { return e.Message }

// CheckHeader checks one response header the way Node 20 does. The value
// is a JS string converted to UTF-8: a character is a rune.
func CheckHeader(name, value string) *HeaderError {
	if !ValidHeaderName(name) {
		return &HeaderError{Code: "ERR_INVALID_HTTP_TOKEN", Message: "Header name must be a valid HTTP token [\"" + name + "\"]"}
	}
	if !ValidHeaderValue(value) {
		return &HeaderError{Code: "ERR_INVALID_CHAR", Message: "Invalid character in header content [\"" + name + "\"]"}
	}
	return nil
}

// ValidHeaderName reports whether s is an HTTP token (RFC 9110 tchar+),
// Node's checkIsHttpToken.
func ValidHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTokenChar(s[i]) {
			return false
		}
	}
	return true
}

func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// ValidHeaderValue reports whether every character of s is a tab, in
// 0x20-0x7E or in 0x80-0xFF: Node's checkInvalidHeaderChar
// (/[^\t\x20-\x7e\x80-\xff]/) on the JS string. Invalid UTF-8 (a lone
// surrogate, once converted) is invalid.
func ValidHeaderValue(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != '\t' && (c < 0x20 || c == 0x7f) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || r > 0xff {
			return false
		}
		i += n
	}
	return true
}
