package access

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"time"
)

// MaxTokenBytes bounds a JSON Web Token a call may present.
const MaxTokenBytes = 8 << 10

// VerifyHS256 checks a compact JWS signed with HMAC-SHA256 under key
// (alg HS256 only: "none" and every other algorithm are refused, so a
// token cannot choose how it is checked), then its exp and nbf claims
// (seconds since the epoch) against now. It returns the claims as JSON (an
// object). The errors say why, without echoing the token.
func VerifyHS256(token string, key []byte, now time.Time) ([]byte, error) {
	h, p, sig, hdr, err := splitToken(token)
	if err != nil {
		return nil, err
	}
	if hdr.Alg != "HS256" {
		return nil, errors.New("its algorithm is " + quote(hdr.Alg) + "; this route accepts HS256 only")
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(token[:len(h)+1+len(p)]))
	if !hmac.Equal(m.Sum(nil), sig) {
		return nil, errors.New("its signature does not match")
	}
	return checkClaims(p, now)
}

type tokenHeader struct {
	Alg string `json:"alg"`
	Kid string `json:"kid"`
}

// splitToken splits a compact JWS and decodes its header and signature.
func splitToken(token string) (h, p string, sig []byte, hdr tokenHeader, err error) {
	if len(token) > MaxTokenBytes {
		return "", "", nil, hdr, errors.New("the token is longer than 8 KiB")
	}
	h, rest, ok1 := strings.Cut(token, ".")
	p, s, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || strings.Contains(s, ".") {
		return "", "", nil, hdr, errors.New("it is not a JSON Web Token (header.payload.signature)")
	}
	hb, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		return "", "", nil, hdr, errors.New("its header is not base64url")
	}
	if json.Unmarshal(hb, &hdr) != nil {
		return "", "", nil, hdr, errors.New("its header is not JSON")
	}
	if sig, err = base64.RawURLEncoding.DecodeString(s); err != nil {
		return "", "", nil, hdr, errors.New("its signature is not base64url")
	}
	return h, p, sig, hdr, nil
}

// checkClaims decodes a verified payload and checks exp and nbf (seconds
// since the epoch) against now.
func checkClaims(p string, now time.Time) ([]byte, error) {
	pb, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil {
		return nil, errors.New("its payload is not base64url")
	}
	var claims map[string]json.RawMessage
	if json.Unmarshal(pb, &claims) != nil {
		return nil, errors.New("its payload is not a JSON object")
	}
	t := float64(now.UnixMilli()) / 1000
	if v, ok := claims["exp"]; ok {
		exp, err := numericDate(v)
		if err != nil {
			return nil, errors.New("its exp claim is not a number")
		}
		if t >= exp {
			return nil, errors.New("it expired at " + time.Unix(int64(exp), 0).UTC().Format(time.RFC3339))
		}
	}
	if v, ok := claims["nbf"]; ok {
		nbf, err := numericDate(v)
		if err != nil {
			return nil, errors.New("its nbf claim is not a number")
		}
		if t < nbf {
			return nil, errors.New("it is not valid before " + time.Unix(int64(nbf), 0).UTC().Format(time.RFC3339))
		}
	}
	return bytes.TrimSpace(pb), nil
}

func numericDate(v json.RawMessage) (float64, error) {
	var n float64
	if err := json.Unmarshal(v, &n); err != nil || math.IsNaN(n) {
		return 0, errors.New("not a number")
	}
	return n, nil
}

func quote(s string) string {
	if len(s) > 20 {
		s = s[:20]
	}
	b, _ := json.Marshal(s)
	return string(b)
}
