package access

import (
	"testing"
	"time"
)

// FuzzParse: whatever a route's options hold (they come from user code),
// Parse answers a Route or an *Error, never panics, and a Route's CORS
// answers without panicking either.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"method":"POST"}`, `{"method":["POST","GET"]}`, `{"schedule":"*/5 * * * *"}`, `{"schedule":"@every 1s"}`,
		`{"cors":true}`, `{"cors":{"origin":["https://a",{"$regexp":"\\.b$","flags":"i"}],"credentials":true,"maxAge":5}}`,
		`{"auth":"jwt","jwt":{"secret":"K"}}`, `{"rateLimit":{"max":5,"timeWindow":"1 minute","keyGenerator":"x-api"}}`,
		`{"rateLimit":{"keyGenerator":{"$function":true}}}`, `{"cors":{"origin":{"$regexp":"(a+)+$","flags":"gyu"}}}`,
	} {
		f.Add(s, "https://a", "POST", "x-a")
	}
	f.Fuzz(func(t *testing.T, raw, origin, method, headers string) {
		r, err := Parse(raw)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("not an *Error: %T %v", err, err)
			}
			return
		}
		if r != nil && r.CORS != nil {
			r.CORS.Headers(origin)
			r.CORS.Preflight(origin, method, headers)
		}
		if r != nil && r.Schedule != nil {
			r.Schedule.Next(time.Unix(0, 0))
		}
	})
}

// FuzzVerifyHS256: any presented token is refused or verified, without a
// panic.
func FuzzVerifyHS256(f *testing.F) {
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln")
	f.Add("a.b.c")
	f.Add("..")
	f.Fuzz(func(t *testing.T, tok string) {
		_, _ = VerifyHS256(tok, []byte("k"), time.Unix(1_800_000_000, 0))
	})
}

// FuzzJWKS: any key set a URL answers parses or fails cleanly, and any
// token is refused or verified against it without a panic.
func FuzzJWKS(f *testing.F) {
	f.Add([]byte(`{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"},{"kty":"RSA","n":"AQAB","e":"AQAB"}]}`), "eyJhbGciOiJFUzI1NiIsImtpZCI6ImUxIn0.e30.AA")
	f.Fuzz(func(t *testing.T, set []byte, tok string) {
		ks, err := ParseJWKS(set)
		if err != nil {
			return
		}
		_, _ = VerifyJWKS(tok, ks, time.Unix(1_800_000_000, 0))
	})
}
