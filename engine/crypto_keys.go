package engine

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"hash"
	"math/big"
	"strings"

	"github.com/dop251/goja"
)

// Keys for node:crypto's KeyObject and Web Crypto's CryptoKey: secret
// bytes, or an RSA, EC (P-256, P-384, P-521), Ed25519 or X25519 key pair
// half, imported from PEM, DER (pkcs1, pkcs8, spki, sec1), JWK or raw
// bytes, generated, exported, and used to sign, verify, encrypt and
// derive. A key is immutable once made, so the work on it may run on
// another goroutine.

type keyKind int

const (
	keySecret keyKind = iota + 1
	keyPublic
	keyPrivate
)

type keyData struct {
	kind   keyKind
	secret []byte
	pub    crypto.PublicKey // *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey, *ecdh.PublicKey (x25519)
	priv   crypto.PrivateKey
}

func (k *keyData) kindName() string {
	if k == nil {
		return "undefined"
	}
	return [...]string{"", "secret", "public", "private"}[k.kind]
}

// asymType is Node's asymmetricKeyType.
func (k *keyData) asymType() string {
	switch k.pub.(type) {
	case *rsa.PublicKey:
		return "rsa"
	case *ecdsa.PublicKey:
		return "ec"
	case ed25519.PublicKey:
		return "ed25519"
	case *ecdh.PublicKey:
		return "x25519"
	}
	return ""
}

// curveNames maps Go's curve names to Node's and Web Crypto's.
var curveNames = map[string][2]string{
	"P-256": {"prime256v1", "P-256"},
	"P-384": {"secp384r1", "P-384"},
	"P-521": {"secp521r1", "P-521"},
}

func curveByName(name string) elliptic.Curve {
	switch name {
	case "P-256", "prime256v1", "secp256r1":
		return elliptic.P256()
	case "P-384", "secp384r1":
		return elliptic.P384()
	case "P-521", "secp521r1":
		return elliptic.P521()
	}
	return nil
}

var errKeyFormat = &cryptoError{kind: "Error", code: "ERR_OSSL_UNSUPPORTED", msg: "error:1E08010C:DECODER routines::unsupported"}

func keyErr(format string, args ...any) error {
	return &cryptoError{kind: "TypeError", code: "ERR_INVALID_ARG_VALUE", msg: fmt.Sprintf(format, args...)}
}

// newAsymKey makes a key of kind from a parsed Go key.
func newAsymKey(kind keyKind, k any) (*keyData, error) {
	d := &keyData{kind: kind}
	switch v := k.(type) {
	case *rsa.PrivateKey:
		d.priv, d.pub = v, &v.PublicKey
	case *ecdsa.PrivateKey:
		d.priv, d.pub = v, &v.PublicKey
	case ed25519.PrivateKey:
		d.priv, d.pub = v, v.Public()
	case *ecdh.PrivateKey:
		if v.Curve() != ecdh.X25519() {
			return nil, errKeyFormat
		}
		d.priv, d.pub = v, v.PublicKey()
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
		d.pub = v
	case *ecdh.PublicKey:
		if v.Curve() != ecdh.X25519() {
			return nil, errKeyFormat
		}
		d.pub = v
	default:
		return nil, &cryptoError{kind: "Error", code: "ERR_CRYPTO_UNSUPPORTED_OPERATION", msg: fmt.Sprintf("unsupported key type %T", k)}
	}
	if kind == keyPublic {
		d.priv = nil
	}
	return d, nil
}

func parsePrivateDER(der []byte, typ string) (any, error) {
	switch typ {
	case "pkcs1":
		return x509.ParsePKCS1PrivateKey(der)
	case "sec1":
		return x509.ParseECPrivateKey(der)
	case "pkcs8":
		return x509.ParsePKCS8PrivateKey(der)
	}
	// Any of them.
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(der); err == nil {
		return k, nil
	}
	return nil, errKeyFormat
}

func parsePublicDER(der []byte, typ string) (any, error) {
	switch typ {
	case "pkcs1":
		return x509.ParsePKCS1PublicKey(der)
	case "spki":
		return x509.ParsePKIXPublicKey(der)
	}
	if k, err := x509.ParsePKIXPublicKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS1PublicKey(der); err == nil {
		return k, nil
	}
	if c, err := x509.ParseCertificate(der); err == nil {
		return c.PublicKey, nil
	}
	return nil, errKeyFormat
}

// importKey parses an asymmetric key of kind (public accepts a private
// key or a certificate and keeps the public half, as Node does).
func importKey(kind keyKind, format string, data []byte, typ string) (*keyData, error) {
	var k any
	var err error
	isPriv := false
	switch format {
	case "pem":
		rest := data
		for {
			var blk *pem.Block
			blk, rest = pem.Decode(rest)
			if blk == nil {
				return nil, errKeyFormat
			}
			switch blk.Type {
			case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
				k, err = parsePrivateDER(blk.Bytes, map[string]string{"PRIVATE KEY": "pkcs8", "RSA PRIVATE KEY": "pkcs1", "EC PRIVATE KEY": "sec1"}[blk.Type])
				isPriv = true
			case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
				if kind == keyPrivate {
					return nil, errKeyFormat
				}
				if blk.Type == "CERTIFICATE" {
					var c *x509.Certificate
					if c, err = x509.ParseCertificate(blk.Bytes); err == nil {
						k = c.PublicKey
					}
				} else {
					k, err = parsePublicDER(blk.Bytes, map[string]string{"PUBLIC KEY": "spki", "RSA PUBLIC KEY": "pkcs1"}[blk.Type])
				}
			case "ENCRYPTED PRIVATE KEY":
				return nil, &cryptoError{kind: "TypeError", code: "ERR_MISSING_PASSPHRASE", msg: "Passphrase required for encrypted key (encrypted keys are not supported in Tarsus)"}
			case "EC PARAMETERS":
				continue
			default:
				return nil, errKeyFormat
			}
			break
		}
	case "der":
		if kind == keyPrivate || typ == "pkcs8" || typ == "sec1" || (typ == "pkcs1" && kind != keyPublic) {
			k, err = parsePrivateDER(data, typ)
			isPriv = true
		} else {
			k, err = parsePublicDER(data, typ)
		}
		if err != nil && kind == keyPublic && typ == "pkcs1" {
			k, err = x509.ParsePKCS1PrivateKey(data)
			isPriv = err == nil
		}
	default:
		return nil, keyErr("unsupported key format %s", format)
	}
	if err != nil {
		return nil, errKeyFormat
	}
	if kind == keyPrivate && !isPriv {
		return nil, errKeyFormat
	}
	return newAsymKey(kind, k)
}

// jwk is a JSON Web Key's members.
type jwk struct {
	Kty string `json:"kty"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	D   string `json:"d,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
	P   string `json:"p,omitempty"`
	Q   string `json:"q,omitempty"`
	DP  string `json:"dp,omitempty"`
	DQ  string `json:"dq,omitempty"`
	QI  string `json:"qi,omitempty"`
	K   string `json:"k,omitempty"`
}

// ordered is j as JSON with its members in the order Node writes them.
func (j *jwk) ordered() string {
	var order []string
	switch j.Kty {
	case "EC":
		order = []string{"kty", "x", "y", "crv", "d"}
	case "RSA":
		order = []string{"kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"}
	case "OKP":
		order = []string{"crv", "d", "x", "kty"}
	default:
		order = []string{"kty", "k"}
	}
	vals := map[string]string{"kty": j.Kty, "crv": j.Crv, "x": j.X, "y": j.Y, "d": j.D, "n": j.N, "e": j.E,
		"p": j.P, "q": j.Q, "dp": j.DP, "dq": j.DQ, "qi": j.QI, "k": j.K}
	var b strings.Builder
	b.WriteByte('{')
	for _, k := range order {
		v := vals[k]
		if v == "" && k != "k" {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(v)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.String()
}

func b64u(s string) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, keyErr("Invalid JWK: a member is not base64url")
	}
	return b, nil
}

func b64uInt(s string) (*big.Int, error) {
	b, err := b64u(s)
	if err != nil {
		return nil, err
	}
	return new(big.Int).SetBytes(b), nil
}

func enc64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// importJWK parses a JWK (the JSON text) into a key; kind 0 takes a
// private key when d is present.
func importJWK(kind keyKind, text []byte) (*keyData, error) {
	var j jwk
	if err := json.Unmarshal(text, &j); err != nil {
		return nil, keyErr("Invalid JWK: %v", err)
	}
	hasD := j.D != ""
	if kind == keyPrivate && !hasD {
		return nil, keyErr(`Invalid JWK private key: "d" is missing`)
	}
	priv := hasD && kind != keyPublic
	switch j.Kty {
	case "oct":
		k, err := b64u(j.K)
		if err != nil {
			return nil, err
		}
		return &keyData{kind: keySecret, secret: k}, nil
	case "RSA":
		n, err1 := b64uInt(j.N)
		e, err2 := b64uInt(j.E)
		if err1 != nil || err2 != nil || n.Sign() == 0 || !e.IsInt64() || e.Int64() > 1<<31 {
			return nil, keyErr("Invalid JWK RSA key")
		}
		pub := &rsa.PublicKey{N: n, E: int(e.Int64())}
		if !priv {
			return newAsymKey(keyPublic, pub)
		}
		var ints [6]*big.Int
		for i, s := range []string{j.D, j.P, j.Q, j.DP, j.DQ, j.QI} {
			if s == "" && i > 0 {
				return nil, keyErr("Invalid JWK RSA private key: the CRT members are required")
			}
			v, err := b64uInt(s)
			if err != nil {
				return nil, err
			}
			ints[i] = v
		}
		k := &rsa.PrivateKey{PublicKey: *pub, D: ints[0], Primes: []*big.Int{ints[1], ints[2]}}
		k.Precomputed.Dp, k.Precomputed.Dq, k.Precomputed.Qinv = ints[3], ints[4], ints[5]
		if err := k.Validate(); err != nil {
			return nil, keyErr("Invalid JWK RSA private key: %v", err)
		}
		k.Precompute()
		return newAsymKey(keyPrivate, k)
	case "EC":
		c := curveByName(j.Crv)
		if c == nil {
			return nil, keyErr("Unsupported JWK EC curve: %s", j.Crv)
		}
		size := (c.Params().BitSize + 7) / 8
		x, err1 := b64u(j.X)
		y, err2 := b64u(j.Y)
		if err1 != nil || err2 != nil || len(x) != size || len(y) != size {
			return nil, keyErr("Invalid JWK EC key")
		}
		point := append(append([]byte{4}, x...), y...)
		pub, err := ecdsa.ParseUncompressedPublicKey(c, point)
		if err != nil {
			return nil, keyErr("Invalid JWK EC key: %v", err)
		}
		if !priv {
			return newAsymKey(keyPublic, pub)
		}
		d, err := b64u(j.D)
		if err != nil || len(d) != size {
			return nil, keyErr("Invalid JWK EC private key")
		}
		k, err := ecdsa.ParseRawPrivateKey(c, d)
		if err != nil {
			return nil, keyErr("Invalid JWK EC private key: %v", err)
		}
		if !k.PublicKey.Equal(pub) {
			return nil, keyErr("Invalid JWK EC private key: x and y do not match d")
		}
		return newAsymKey(keyPrivate, k)
	case "OKP":
		x, err := b64u(j.X)
		if err != nil {
			return nil, err
		}
		switch j.Crv {
		case "Ed25519":
			if len(x) != ed25519.PublicKeySize {
				return nil, keyErr("Invalid JWK Ed25519 key")
			}
			if !priv {
				return newAsymKey(keyPublic, ed25519.PublicKey(x))
			}
			d, err := b64u(j.D)
			if err != nil || len(d) != ed25519.SeedSize {
				return nil, keyErr("Invalid JWK Ed25519 private key")
			}
			k := ed25519.NewKeyFromSeed(d)
			if !k.Public().(ed25519.PublicKey).Equal(ed25519.PublicKey(x)) {
				return nil, keyErr("Invalid JWK Ed25519 private key: x does not match d")
			}
			return newAsymKey(keyPrivate, k)
		case "X25519":
			if !priv {
				pub, err := ecdh.X25519().NewPublicKey(x)
				if err != nil {
					return nil, keyErr("Invalid JWK X25519 key")
				}
				return newAsymKey(keyPublic, pub)
			}
			d, err := b64u(j.D)
			if err != nil {
				return nil, err
			}
			k, err := ecdh.X25519().NewPrivateKey(d)
			if err != nil {
				return nil, keyErr("Invalid JWK X25519 private key")
			}
			return newAsymKey(keyPrivate, k)
		}
		return nil, keyErr("Unsupported JWK OKP curve: %s", j.Crv)
	}
	return nil, keyErr("Unsupported JWK key type: %s", j.Kty)
}

// exportJWK is k as a JWK.
func exportJWK(k *keyData) (*jwk, error) {
	if k.kind == keySecret {
		return &jwk{Kty: "oct", K: enc64(k.secret)}, nil
	}
	switch p := k.pub.(type) {
	case *rsa.PublicKey:
		j := &jwk{Kty: "RSA", N: enc64(p.N.Bytes()), E: enc64(big.NewInt(int64(p.E)).Bytes())}
		if sk, ok := k.priv.(*rsa.PrivateKey); ok {
			if len(sk.Primes) != 2 {
				return nil, &cryptoError{kind: "Error", code: "ERR_CRYPTO_UNSUPPORTED_OPERATION", msg: "multi-prime RSA keys cannot be exported as JWK"}
			}
			// Computed here rather than by Precompute, which would write
			// to a key another goroutine may be signing with.
			p, q, one := sk.Primes[0], sk.Primes[1], big.NewInt(1)
			dp := new(big.Int).Mod(sk.D, new(big.Int).Sub(p, one))
			dq := new(big.Int).Mod(sk.D, new(big.Int).Sub(q, one))
			qi := new(big.Int).ModInverse(q, p)
			if qi == nil {
				return nil, errKeyFormat
			}
			j.D, j.P, j.Q = enc64(sk.D.Bytes()), enc64(p.Bytes()), enc64(q.Bytes())
			j.DP, j.DQ, j.QI = enc64(dp.Bytes()), enc64(dq.Bytes()), enc64(qi.Bytes())
		}
		return j, nil
	case *ecdsa.PublicKey:
		pt, err := p.Bytes()
		if err != nil {
			return nil, err
		}
		size := (len(pt) - 1) / 2
		j := &jwk{Kty: "EC", Crv: p.Curve.Params().Name, X: enc64(pt[1 : 1+size]), Y: enc64(pt[1+size:])}
		if sk, ok := k.priv.(*ecdsa.PrivateKey); ok {
			d, err := sk.Bytes()
			if err != nil {
				return nil, err
			}
			j.D = enc64(d)
		}
		return j, nil
	case ed25519.PublicKey:
		j := &jwk{Kty: "OKP", Crv: "Ed25519", X: enc64(p)}
		if sk, ok := k.priv.(ed25519.PrivateKey); ok {
			j.D = enc64(sk.Seed())
		}
		return j, nil
	case *ecdh.PublicKey:
		j := &jwk{Kty: "OKP", Crv: "X25519", X: enc64(p.Bytes())}
		if sk, ok := k.priv.(*ecdh.PrivateKey); ok {
			j.D = enc64(sk.Bytes())
		}
		return j, nil
	}
	return nil, errKeyFormat
}

// exportDER is k encoded as typ (pkcs1, pkcs8, spki, sec1).
func exportDER(k *keyData, typ string) ([]byte, string, error) {
	if k.kind == keyPrivate {
		switch typ {
		case "pkcs8", "":
			b, err := x509.MarshalPKCS8PrivateKey(k.priv)
			return b, "PRIVATE KEY", err
		case "pkcs1":
			if sk, ok := k.priv.(*rsa.PrivateKey); ok {
				return x509.MarshalPKCS1PrivateKey(sk), "RSA PRIVATE KEY", nil
			}
		case "sec1":
			if sk, ok := k.priv.(*ecdsa.PrivateKey); ok {
				b, err := x509.MarshalECPrivateKey(sk)
				return b, "EC PRIVATE KEY", err
			}
		}
		return nil, "", &cryptoError{kind: "Error", code: "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", msg: fmt.Sprintf("The selected key encoding %s can only be used for %s keys.", typ, map[string]string{"pkcs1": "RSA", "sec1": "EC"}[typ])}
	}
	switch typ {
	case "spki", "":
		b, err := x509.MarshalPKIXPublicKey(k.pub)
		return b, "PUBLIC KEY", err
	case "pkcs1":
		if pk, ok := k.pub.(*rsa.PublicKey); ok {
			return x509.MarshalPKCS1PublicKey(pk), "RSA PUBLIC KEY", nil
		}
	}
	return nil, "", &cryptoError{kind: "TypeError", code: "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", msg: fmt.Sprintf("The selected key encoding %s can only be used for RSA keys.", typ)}
}

// rawPublic is a public key's raw bytes (an EC point uncompressed, an
// Ed25519 or X25519 key's 32 bytes).
func rawPublic(k *keyData) ([]byte, error) {
	switch p := k.pub.(type) {
	case *ecdsa.PublicKey:
		return p.Bytes()
	case ed25519.PublicKey:
		return append([]byte(nil), p...), nil
	case *ecdh.PublicKey:
		return p.Bytes(), nil
	}
	return nil, &cryptoError{kind: "Error", code: "InvalidAccessError", msg: "raw export needs an EC, Ed25519 or X25519 public key"}
}

func importRaw(alg string, b []byte) (*keyData, error) {
	switch alg {
	case "Ed25519":
		if len(b) != ed25519.PublicKeySize {
			return nil, &cryptoError{kind: "Error", code: "DataError", msg: "an Ed25519 public key has 32 bytes"}
		}
		return newAsymKey(keyPublic, ed25519.PublicKey(append([]byte(nil), b...)))
	case "X25519":
		pub, err := ecdh.X25519().NewPublicKey(b)
		if err != nil {
			return nil, &cryptoError{kind: "Error", code: "DataError", msg: err.Error()}
		}
		return newAsymKey(keyPublic, pub)
	}
	c := curveByName(alg)
	if c == nil {
		return nil, &cryptoError{kind: "Error", code: "NotSupportedError", msg: "unsupported curve " + alg}
	}
	if len(b) > 0 && (b[0] == 2 || b[0] == 3) {
		x, y := elliptic.UnmarshalCompressed(c, b)
		if x == nil {
			return nil, &cryptoError{kind: "Error", code: "DataError", msg: "invalid EC point"}
		}
		//lint:ignore SA1019 the standard library's only way from a compressed point to an uncompressed one
		b = elliptic.Marshal(c, x, y)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(c, b)
	if err != nil {
		return nil, &cryptoError{kind: "Error", code: "DataError", msg: "invalid EC point"}
	}
	return newAsymKey(keyPublic, pub)
}

// ---- signatures -------------------------------------------------------

type signOpts struct {
	hash     string // canonical name; "" for Ed25519
	padding  int    // 1 PKCS1 v1.5, 6 PSS
	saltLen  int    // Node's: -1 digest, -2 max/auto, n
	p1363    bool   // ECDSA signature as r||s
	hashFunc crypto.Hash
}

var cryptoHashes = map[string]crypto.Hash{
	"md5": crypto.MD5, "sha1": crypto.SHA1, "sha224": crypto.SHA224, "sha256": crypto.SHA256,
	"sha384": crypto.SHA384, "sha512": crypto.SHA512, "sha512-224": crypto.SHA512_224, "sha512-256": crypto.SHA512_256,
	"sha3-224": crypto.SHA3_224, "sha3-256": crypto.SHA3_256, "sha3-384": crypto.SHA3_384, "sha3-512": crypto.SHA3_512,
}

func (o *signOpts) pss() *rsa.PSSOptions {
	s := o.saltLen
	switch s {
	case -1:
		s = rsa.PSSSaltLengthEqualsHash
	case -2:
		s = rsa.PSSSaltLengthAuto
	}
	return &rsa.PSSOptions{SaltLength: s, Hash: o.hashFunc}
}

func digestOf(h crypto.Hash, data []byte) []byte {
	hh := h.New()
	hh.Write(data)
	return hh.Sum(nil)
}

func signData(k *keyData, data []byte, o *signOpts) ([]byte, error) {
	switch sk := k.priv.(type) {
	case ed25519.PrivateKey:
		return ed25519.Sign(sk, data), nil
	case *rsa.PrivateKey:
		d := digestOf(o.hashFunc, data)
		if o.padding == 6 {
			if o.saltLen == 0 {
				return nil, &cryptoError{kind: "Error", code: "NotSupportedError", msg: "RSA-PSS with a salt length of 0 is not supported"}
			}
			return rsa.SignPSS(rand.Reader, sk, o.hashFunc, d, o.pss())
		}
		return rsa.SignPKCS1v15(rand.Reader, sk, o.hashFunc, d)
	case *ecdsa.PrivateKey:
		d := digestOf(o.hashFunc, data)
		sig, err := ecdsa.SignASN1(rand.Reader, sk, d)
		if err != nil || !o.p1363 {
			return sig, err
		}
		return derToP1363(sig, (sk.Curve.Params().BitSize+7)/8)
	}
	return nil, &cryptoError{kind: "TypeError", code: "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", msg: "this key cannot sign"}
}

func verifyData(k *keyData, data, sig []byte, o *signOpts) bool {
	switch pk := k.pub.(type) {
	case ed25519.PublicKey:
		return ed25519.Verify(pk, data, sig)
	case *rsa.PublicKey:
		d := digestOf(o.hashFunc, data)
		if o.padding == 6 {
			return rsa.VerifyPSS(pk, o.hashFunc, d, sig, o.pss()) == nil
		}
		return rsa.VerifyPKCS1v15(pk, o.hashFunc, d, sig) == nil
	case *ecdsa.PublicKey:
		d := digestOf(o.hashFunc, data)
		if o.p1363 {
			size := (pk.Curve.Params().BitSize + 7) / 8
			if len(sig) != 2*size {
				return false
			}
			der, err := asn1.Marshal(struct{ R, S *big.Int }{new(big.Int).SetBytes(sig[:size]), new(big.Int).SetBytes(sig[size:])})
			if err != nil {
				return false
			}
			sig = der
		}
		return ecdsa.VerifyASN1(pk, d, sig)
	}
	return false
}

func derToP1363(der []byte, size int) ([]byte, error) {
	var rs struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(der, &rs); err != nil {
		return nil, err
	}
	out := make([]byte, 2*size)
	rs.R.FillBytes(out[:size])
	rs.S.FillBytes(out[size:])
	return out, nil
}

// ---- the bindings -----------------------------------------------------------

func (rt *runtime) keyArg(v goja.Value) *keyData {
	x := rt.handleArg(v)
	if x.key == nil {
		panic(rt.vm.NewTypeError("crypto: not a key"))
	}
	return x.key
}

// checkKey refuses RSA keys over MaxRSAKeyBits: every use of one costs
// time that grows with the cube of its size.
func (rt *runtime) checkKey(k *keyData) *keyData {
	if p, ok := k.pub.(*rsa.PublicKey); ok && p.N.BitLen() > rt.e.cfg.MaxRSAKeyBits {
		panic(rt.limitError(fmt.Sprintf("RSA key of %d bits: the limit is %d bits (engine MaxRSAKeyBits)", p.N.BitLen(), rt.e.cfg.MaxRSAKeyBits)))
	}
	return k
}

func (rt *runtime) wrapKey(k *keyData) goja.Value {
	return rt.vm.ToValue(&cryptoHandle{key: k})
}

func (rt *runtime) signOptsArg(v goja.Value, k *keyData) *signOpts {
	o := &signOpts{padding: 1, saltLen: -2}
	obj, _ := v.(*goja.Object)
	get := func(name string) goja.Value {
		if obj == nil {
			return goja.Undefined()
		}
		if x := obj.Get(name); x != nil {
			return x
		}
		return goja.Undefined()
	}
	alg := get("hash")
	_, isEd := k.pub.(ed25519.PublicKey)
	if !isEd {
		name := "sha256"
		if !goja.IsUndefined(alg) && !goja.IsNull(alg) {
			name = canonHash(alg.String())
		}
		h, ok := cryptoHashes[name]
		if !ok || !h.Available() {
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: %s", alg.String()))
		}
		o.hash, o.hashFunc = name, h
	}
	if p := get("padding"); !goja.IsUndefined(p) {
		o.padding = int(p.ToInteger())
	}
	if s := get("saltLength"); !goja.IsUndefined(s) {
		o.saltLen = int(s.ToInteger())
	}
	o.p1363 = get("dsaEncoding").String() == "ieee-p1363"
	return o
}

func (rt *runtime) keyBindings(h bindingTable) {
	vm := rt.vm
	cfg := &rt.e.cfg
	set := h.set

	set("secretKey", func(c goja.FunctionCall) goja.Value {
		return rt.wrapKey(&keyData{kind: keySecret, secret: rt.cryptoBytes("key", c.Argument(0), c.Argument(1))})
	})
	// keyImport(kind "public"|"private", format "pem"|"der"|"jwk", data, type)
	set("keyImport", func(c goja.FunctionCall) goja.Value {
		kind := keyPublic
		if c.Argument(0).String() == "private" {
			kind = keyPrivate
		}
		format := c.Argument(1).String()
		data := rt.cryptoBytes("key", c.Argument(2), goja.Undefined())
		var k *keyData
		var err error
		if format == "jwk" {
			k, err = importJWK(kind, data)
		} else {
			k, err = importKey(kind, format, data, c.Argument(3).String())
		}
		if err != nil {
			rt.throwCrypto(err)
		}
		return rt.wrapKey(rt.checkKey(k))
	})
	set("keyImportRaw", func(c goja.FunctionCall) goja.Value {
		k, err := importRaw(c.Argument(0).String(), rt.cryptoBytes("key", c.Argument(1), goja.Undefined()))
		if err != nil {
			rt.throwCrypto(err)
		}
		return rt.wrapKey(k)
	})
	set("keyInfo", func(c goja.FunctionCall) goja.Value {
		k := rt.keyArg(c.Argument(0))
		o := vm.NewObject()
		_ = o.Set("type", k.kindName())
		if k.kind == keySecret {
			_ = o.Set("size", len(k.secret))
			return o
		}
		_ = o.Set("asymmetricKeyType", k.asymType())
		switch p := k.pub.(type) {
		case *rsa.PublicKey:
			_ = o.Set("modulusLength", p.N.BitLen())
			_ = o.Set("publicExponent", p.E)
		case *ecdsa.PublicKey:
			n := curveNames[p.Curve.Params().Name]
			_ = o.Set("namedCurve", n[0])
			_ = o.Set("webCurve", n[1])
		}
		return o
	})
	set("keyPublic", func(c goja.FunctionCall) goja.Value {
		k := rt.keyArg(c.Argument(0))
		if k.kind == keySecret {
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type secret, expected private."))
		}
		return rt.wrapKey(&keyData{kind: keyPublic, pub: k.pub})
	})
	set("keyEquals", func(c goja.FunctionCall) goja.Value {
		a, b := rt.keyArg(c.Argument(0)), rt.keyArg(c.Argument(1))
		if a.kind != b.kind {
			return vm.ToValue(false)
		}
		if a.kind == keySecret {
			return vm.ToValue(hmac.Equal(a.secret, b.secret))
		}
		eq, ok := a.pub.(interface{ Equal(crypto.PublicKey) bool })
		return vm.ToValue(ok && eq.Equal(b.pub))
	})
	// keyExport(h, format "pem"|"der"|"jwk"|"raw", type) → string (pem,
	// jwk as JSON) or ArrayBuffer.
	set("keyExport", func(c goja.FunctionCall) goja.Value {
		k := rt.keyArg(c.Argument(0))
		format, typ := c.Argument(1).String(), c.Argument(2).String()
		if goja.IsUndefined(c.Argument(2)) {
			typ = ""
		}
		switch {
		case format == "jwk":
			j, err := exportJWK(k)
			if err != nil {
				rt.throwCrypto(err)
			}
			return vm.ToValue(j.ordered())
		case k.kind == keySecret:
			return rt.abuf(append([]byte(nil), k.secret...))
		case format == "raw":
			b, err := rawPublic(k)
			if err != nil {
				rt.throwCrypto(err)
			}
			return rt.abuf(b)
		}
		der, label, err := exportDER(k, typ)
		if err != nil {
			rt.throwCrypto(err)
		}
		if format == "pem" {
			return vm.ToValue(string(pem.EncodeToMemory(&pem.Block{Type: label, Bytes: der})))
		}
		return rt.abuf(der)
	})
	// keyGen(type, {modulusLength, publicExponent, namedCurve}, async) → [private, public]
	set("keyGen", func(c goja.FunctionCall) goja.Value {
		typ := c.Argument(0).String()
		opts, _ := c.Argument(1).(*goja.Object)
		opt := func(name string) goja.Value {
			if opts == nil {
				return goja.Undefined()
			}
			if v := opts.Get(name); v != nil {
				return v
			}
			return goja.Undefined()
		}
		var work func() (any, error)
		slow := false
		switch typ {
		case "rsa", "rsa-pss":
			bits := opt("modulusLength")
			if !goja.IsNumber(bits) {
				panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", `The "options.modulusLength" property must be of type number.`))
			}
			n := bits.ToInteger()
			if n > int64(cfg.MaxRSAKeyBits) {
				panic(rt.limitError(fmt.Sprintf("RSA key generation of %d bits: the limit is %d bits (engine MaxRSAKeyBits)", n, cfg.MaxRSAKeyBits)))
			}
			if n < 1024 {
				rt.throwCrypto(&cryptoError{kind: "Error", code: "ERR_CRYPTO_OPERATION_FAILED", msg: fmt.Sprintf("RSA keys of %d bits are not supported: Tarsus (Go's crypto/rsa) needs at least 1024", n)})
			}
			if e := opt("publicExponent"); !goja.IsUndefined(e) && e.ToInteger() != 65537 {
				rt.throwCrypto(&cryptoError{kind: "Error", code: "ERR_CRYPTO_OPERATION_FAILED", msg: "only the public exponent 65537 is supported"})
			}
			slow = true
			work = func() (any, error) { return rsa.GenerateKey(rand.Reader, int(n)) }
		case "ec":
			curve := curveByName(opt("namedCurve").String())
			if curve == nil {
				panic(rt.nodeTypeError("ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name"))
			}
			work = func() (any, error) { return ecdsa.GenerateKey(curve, rand.Reader) }
		case "ed25519":
			work = func() (any, error) {
				_, k, err := ed25519.GenerateKey(rand.Reader)
				return k, err
			}
		case "x25519":
			work = func() (any, error) { return ecdh.X25519().GenerateKey(rand.Reader) }
		default:
			panic(rt.nodeTypeError("ERR_INVALID_ARG_VALUE", fmt.Sprintf("The argument 'type' must be a supported key type (rsa, ec, ed25519, x25519). Received '%s'", typ)))
		}
		return rt.cryptoRun(c.Argument(2).ToBoolean(), slow, func() (any, error) {
			k, err := work()
			if err != nil {
				return nil, err
			}
			return newAsymKey(keyPrivate, k)
		}, func(r any) goja.Value {
			k := r.(*keyData)
			return vm.ToValue([]any{rt.wrapKey(k), rt.wrapKey(&keyData{kind: keyPublic, pub: k.pub})})
		})
	})
	// sign(key, data, {hash, padding, saltLength, dsaEncoding}, async)
	set("sign", func(c goja.FunctionCall) goja.Value {
		k := rt.keyArg(c.Argument(0))
		if k.kind != keyPrivate {
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type %s, expected private.", k.kindName()))
		}
		data := rt.quickBytes("data", c.Argument(1), goja.Undefined())
		o := rt.signOptsArg(c.Argument(2), k)
		return rt.cryptoRun(c.Argument(3).ToBoolean(), false, func() (any, error) { return signData(k, data, o) }, rt.bytesResult)
	})
	// verify(key, data, signature, opts, async)
	set("verify", func(c goja.FunctionCall) goja.Value {
		k := rt.keyArg(c.Argument(0))
		if k.kind == keySecret {
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type secret, expected public."))
		}
		data := rt.quickBytes("data", c.Argument(1), goja.Undefined())
		sig := rt.quickBytes("signature", c.Argument(2), goja.Undefined())
		o := rt.signOptsArg(c.Argument(3), k)
		return rt.cryptoRun(c.Argument(4).ToBoolean(), false, func() (any, error) { return verifyData(k, data, sig, o), nil },
			func(r any) goja.Value { return vm.ToValue(r.(bool)) })
	})
	// hmac(hash, key, data, async) → digest
	set("hmac", func(c goja.FunctionCall) goja.Value {
		f, _ := rt.hashArg(c.Argument(0))
		key := rt.secretArg("key", c.Argument(1), goja.Undefined())
		data := rt.quickBytes("data", c.Argument(2), goja.Undefined())
		return rt.cryptoRun(c.Argument(3).ToBoolean(), false, func() (any, error) {
			m := hmac.New(f, key)
			m.Write(data)
			return m.Sum(nil), nil
		}, rt.bytesResult)
	})
	// rsaCrypt(key, data, decrypt, padding, oaepHash, label, async)
	set("rsaCrypt", func(c goja.FunctionCall) goja.Value {
		k := rt.keyArg(c.Argument(0))
		data := rt.quickBytes("data", c.Argument(1), goja.Undefined())
		decrypt := c.Argument(2).ToBoolean()
		padding := c.Argument(3).ToInteger()
		hname := "sha1"
		if hv := c.Argument(4); !goja.IsUndefined(hv) && !goja.IsNull(hv) {
			hname = canonHash(hv.String())
		}
		hf := newHash(hname)
		if hf == nil {
			rt.throwCrypto(cryptoTypeErr("ERR_OSSL_EVP_INVALID_DIGEST", "Invalid digest used"))
		}
		var label []byte
		if lv := c.Argument(5); !goja.IsUndefined(lv) && !goja.IsNull(lv) {
			label = rt.cryptoBytes("oaepLabel", lv, goja.Undefined())
		}
		pub, ok := k.pub.(*rsa.PublicKey)
		if !ok {
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "this operation needs an RSA key"))
		}
		priv, _ := k.priv.(*rsa.PrivateKey)
		if decrypt && priv == nil {
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type public, expected private."))
		}
		return rt.cryptoRun(c.Argument(6).ToBoolean(), false, func() (any, error) {
			var h hash.Hash = hf()
			switch {
			case padding == 4 && decrypt:
				out, err := rsa.DecryptOAEP(h, nil, priv, data, label)
				if err != nil {
					return nil, &cryptoError{kind: "Error", code: "ERR_OSSL_RSA_OAEP_DECODING_ERROR", msg: "error:02000079:rsa routines::oaep decoding error"}
				}
				return out, nil
			case padding == 4:
				return rsa.EncryptOAEP(h, rand.Reader, pub, data, label)
			case padding == 1 && !decrypt:
				//lint:ignore SA1019 Node's publicEncrypt pads with PKCS #1 v1.5 by default, and packages ask for it
				return rsa.EncryptPKCS1v15(rand.Reader, pub, data)
			case padding == 1:
				return nil, &cryptoError{kind: "TypeError", code: "ERR_INVALID_ARG_VALUE", msg: "RSA_PKCS1_PADDING is no longer supported for private decryption"}
			}
			return nil, &cryptoError{kind: "Error", code: "ERR_CRYPTO_OPERATION_FAILED", msg: fmt.Sprintf("unsupported RSA padding %d", padding)}
		}, rt.bytesResult)
	})
	// ecdh(private, public, async) → shared secret (ECDH, X25519)
	set("ecdh", func(c goja.FunctionCall) goja.Value {
		a, b := rt.keyArg(c.Argument(0)), rt.keyArg(c.Argument(1))
		return rt.cryptoRun(c.Argument(2).ToBoolean(), false, func() (any, error) {
			var sk *ecdh.PrivateKey
			var pk *ecdh.PublicKey
			var err error
			switch s := a.priv.(type) {
			case *ecdsa.PrivateKey:
				if sk, err = s.ECDH(); err != nil {
					return nil, err
				}
			case *ecdh.PrivateKey:
				sk = s
			default:
				return nil, &cryptoError{kind: "Error", code: "InvalidAccessError", msg: "not an ECDH private key"}
			}
			switch p := b.pub.(type) {
			case *ecdsa.PublicKey:
				if pk, err = p.ECDH(); err != nil {
					return nil, err
				}
			case *ecdh.PublicKey:
				pk = p
			default:
				return nil, &cryptoError{kind: "Error", code: "InvalidAccessError", msg: "not an ECDH public key"}
			}
			if sk.Curve() != pk.Curve() {
				return nil, &cryptoError{kind: "Error", code: "InvalidAccessError", msg: "the keys are on different curves"}
			}
			out, err := sk.ECDH(pk)
			if err != nil {
				return nil, &cryptoError{kind: "Error", code: "OperationError", msg: err.Error()}
			}
			return out, nil
		}, rt.bytesResult)
	})
}
