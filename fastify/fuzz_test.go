package fastify

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseJSON: the body parser never panics, agrees with encoding/json on
// which well-formed UTF-8 texts are JSON (prototype poisoning aside), and
// what it parses serializes to JSON that parses back to the same text.
func FuzzParseJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseJSON(data)
		if utf8.Valid(data) && !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			poison := err != nil && err.Error() == msgProtoPoisoning
			if !poison && (err == nil) != json.Valid(data) {
				t.Fatalf("ParseJSON error %v, but encoding/json says valid=%v for %q", err, json.Valid(data), data)
			}
		}
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error is %T, not *SyntaxError", err)
			}
			return
		}
		out := AppendJSON(nil, v)
		v2, err := ParseJSON(out)
		if err != nil {
			t.Fatalf("re-parsing %q (from %q): %v", out, data, err)
		}
		if out2 := AppendJSON(nil, v2); !bytes.Equal(out, out2) {
			t.Fatalf("round trip changed %q into %q", out, out2)
		}
	})
}

// FuzzCompileSchema: compiling any schema, then validating and serializing
// any JSON value with it, never panics, and a serializer's output is JSON.
func FuzzCompileSchema(f *testing.F) {
	f.Fuzz(func(t *testing.T, schema, data []byte) {
		d, derr := ParseJSON(data)
		if v, err := CompileValidator(schema); err == nil && derr == nil {
			_, _ = v.Validate(d)
		}
		if s, err := CompileSerializer(schema); err == nil && derr == nil {
			out, err := s.Append(nil, d)
			if err == nil && !json.Valid(out) {
				t.Fatalf("serializer for %q wrote %q for %q, which is not JSON", schema, out, data)
			}
		}
	})
}

// Node 20's own checks (lib/_http_common.js), as regular expressions.
var (
	nodeToken       = regexp.MustCompile("^[\\^_`a-zA-Z\\-0-9!#$%&'*+.|~]+$")
	nodeInvalidChar = regexp.MustCompile("[^\t\x20-\x7e\u0080-\u00ff]")
)

// FuzzCheckHeader: header checks agree with Node's regular expressions, and
// a value that passes never holds CR, LF or NUL.
func FuzzCheckHeader(f *testing.F) {
	f.Fuzz(func(t *testing.T, name, value string) {
		err := CheckHeader(name, value)
		wantName := nodeToken.MatchString(name)
		// A JS string converted to Go: invalid UTF-8 stands for a lone
		// surrogate, which Node refuses.
		wantValue := utf8.ValidString(value) && !nodeInvalidChar.MatchString(value)
		switch {
		case !wantName:
			if err == nil || err.Code != "ERR_INVALID_HTTP_TOKEN" {
				t.Fatalf("name %q: got %v, want ERR_INVALID_HTTP_TOKEN", name, err)
			}
		case !wantValue:
			if err == nil || err.Code != "ERR_INVALID_CHAR" {
				t.Fatalf("value %q: got %v, want ERR_INVALID_CHAR", value, err)
			}
		case err != nil:
			t.Fatalf("%q: %q: got %v, want nil", name, value, err)
		}
		if err == nil && strings.ContainsAny(value, "\r\n\x00") {
			t.Fatalf("accepted a value with CR, LF or NUL: %q", value)
		}
	})
}
