package access

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Limits of a JSON Web Key Set.
const (
	MaxJWKSBytes = 256 << 10
	maxJWKSKeys  = 64
)

// KeySet is a parsed JSON Web Key Set: its RSA (RS256) and P-256 (ES256)
// public keys. Keys of other types, curves or uses are left out.
type KeySet struct {
	keys []jwk
}

type jwk struct {
	kid string
	rsa *rsa.PublicKey
	ec  *ecdsa.PublicKey
}

// Len is the number of usable keys.
func (ks *KeySet) Len() int { return len(ks.keys) }

// ParseJWKS reads a JSON Web Key Set (RFC 7517).
func ParseJWKS(b []byte) (*KeySet, error) {
	if len(b) > MaxJWKSBytes {
		return nil, fmt.Errorf("the key set is larger than %d KiB", MaxJWKSBytes>>10)
	}
	var doc struct {
		Keys []struct {
			Kty string `json:"kty"`
			Kid string `json:"kid"`
			Use string `json:"use"`
			Alg string `json:"alg"`
			N   string `json:"n"`
			E   string `json:"e"`
			Crv string `json:"crv"`
			X   string `json:"x"`
			Y   string `json:"y"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, errors.New("the key set is not JSON {\"keys\": [...]}")
	}
	ks := &KeySet{}
	for _, k := range doc.Keys {
		if len(ks.keys) == maxJWKSKeys {
			break
		}
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		switch {
		case k.Kty == "RSA" && (k.Alg == "" || k.Alg == "RS256"):
			n, err1 := b64int(k.N)
			e, err2 := b64int(k.E)
			if err1 != nil || err2 != nil || n.BitLen() < 2048 || n.BitLen() > 8192 || !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 {
				continue
			}
			ks.keys = append(ks.keys, jwk{kid: k.Kid, rsa: &rsa.PublicKey{N: n, E: int(e.Int64())}})
		case k.Kty == "EC" && k.Crv == "P-256" && (k.Alg == "" || k.Alg == "ES256"):
			x, err1 := b64int(k.X)
			y, err2 := b64int(k.Y)
			if err1 != nil || err2 != nil {
				continue
			}
			// crypto/ecdh refuses a point that is not on the curve.
			if x.BitLen() > 256 || y.BitLen() > 256 {
				continue
			}
			pt := make([]byte, 65)
			pt[0] = 4
			x.FillBytes(pt[1:33])
			y.FillBytes(pt[33:])
			pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), pt)
			if err != nil {
				continue // not a point on the curve
			}
			ks.keys = append(ks.keys, jwk{kid: k.Kid, ec: pub})
		}
	}
	return ks, nil
}

func b64int(s string) (*big.Int, error) {
	if len(s) > 2048 {
		return nil, errors.New("too long")
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil || len(b) == 0 {
		return nil, errors.New("bad base64url")
	}
	return new(big.Int).SetBytes(b), nil
}

// ErrUnknownKey is a token whose kid the key set does not hold: the
// caller may fetch the set again (it may have rotated) and retry.
var ErrUnknownKey = errors.New("it names a key (kid) the key set does not hold")

// VerifyJWKS checks a compact JWS signed with RS256 or ES256 by a key of
// ks (the one its kid names, or any when it names none), then exp and
// nbf, as VerifyHS256 does. HS256 and every other algorithm are refused:
// a key set's public key is never used as an HMAC secret.
func VerifyJWKS(token string, ks *KeySet, now time.Time) ([]byte, error) {
	h, p, sig, hdr, err := splitToken(token)
	if err != nil {
		return nil, err
	}
	if hdr.Alg != "RS256" && hdr.Alg != "ES256" {
		return nil, errors.New("its algorithm is " + quote(hdr.Alg) + "; this route accepts RS256 and ES256 only")
	}
	digest := sha256.Sum256([]byte(token[:len(h)+1+len(p)]))
	tried := false
	for _, k := range ks.keys {
		if hdr.Kid != "" && k.kid != hdr.Kid {
			continue
		}
		switch {
		case hdr.Alg == "RS256" && k.rsa != nil:
			tried = true
			if rsa.VerifyPKCS1v15(k.rsa, crypto.SHA256, digest[:], sig) == nil {
				return checkClaims(p, now)
			}
		case hdr.Alg == "ES256" && k.ec != nil && len(sig) == 64:
			tried = true
			r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
			if ecdsa.Verify(k.ec, digest[:], r, s) {
				return checkClaims(p, now)
			}
		}
	}
	if !tried && hdr.Kid != "" {
		return nil, ErrUnknownKey
	}
	return nil, errors.New("its signature does not match")
}
