package engine

import (
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"crypto/subtle"
	"encoding"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/crypto/scrypt"
)

// Cryptography for functions: node:crypto (lib/crypto.js) and Web Crypto
// (lib/internal/webcrypto.js, the global crypto.subtle) are JavaScript
// shapes over the Go bindings made here (the module internal/crypto), all
// backed by Go's crypto packages. Nothing is made until a function
// requires crypto or first reads crypto.subtle.
//
// The bindings follow the engine's size discipline: every byte string a
// binding takes is a view of existing bytes (checked by the typed-array
// limits when it was made) or a JS string whose decoded size is checked
// before it is decoded; every output size a function chooses (randomBytes,
// a derived key's length) is checked against MaxTypedArrayBytes, and every
// string made against MaxStringLen, before anything is allocated. The
// operations whose time grows with a number the function chooses are
// capped: PBKDF2 (Config.MaxPBKDF2Work: iterations × output blocks),
// scrypt (Config.MaxScryptWork: N × r × p; memory 128 × N × r within
// maxmem and MaxTypedArrayBytes) and RSA key generation and use
// (Config.MaxRSAKeyBits). A capped call throws a RangeError with code
// TARSUS_LIMIT naming the field.
//
// Slow work (PBKDF2, scrypt, RSA key generation) runs on a goroutine:
// the asynchronous forms settle a promise on the event loop (cryptoAsync;
// arguments are copied out of goja values before the goroutine starts,
// results made into JS values back on the loop), at most
// maxCryptoInFlight at a time per runtime; the synchronous forms, and
// asynchronous calls past that bound, wait for it or for the invocation's
// deadline, so the deadline still ends the invocation; abandoned PBKDF2
// work stops when the invocation's context ends, scrypt and RSA key
// generation finish within their caps. Quick work (hashing, signing, AES) runs at
// once, its promise already settled: a loop of calls then never holds
// more than one call's copies of its inputs.

// cryptoError is a failure of a binding, thrown as a JS error of kind
// (Error, TypeError, RangeError) with a Node error code; webcrypto.js
// turns them into DOMExceptions.
type cryptoError struct {
	kind, code, msg string
}

func (e *cryptoError) Error() string { return e.msg }
func (e *cryptoError) Code() string  { return e.code }

func cryptoErr(code, format string, args ...any) error {
	return &cryptoError{kind: "Error", code: code, msg: fmt.Sprintf(format, args...)}
}

func cryptoTypeErr(code, format string, args ...any) error {
	return &cryptoError{kind: "TypeError", code: code, msg: fmt.Sprintf(format, args...)}
}

// jsError makes the JS error for err.
func (rt *runtime) cryptoJSError(err error) goja.Value {
	var le *limitErr
	if errors.As(err, &le) {
		return rt.limitError(le.msg)
	}
	var ce *cryptoError
	if !errors.As(err, &ce) {
		ce = &cryptoError{kind: "Error", code: "ERR_CRYPTO_OPERATION_FAILED", msg: err.Error()}
	}
	var e *goja.Object
	if ctor, ok := goja.AssertConstructor(rt.vm.Get(ce.kind)); ok {
		e, _ = ctor(nil, rt.vm.ToValue(ce.msg))
	}
	if e == nil {
		e = rt.vm.NewGoError(err)
	}
	if ce.code != "" {
		_ = e.Set("code", ce.code)
	}
	return e
}

// limitErr is a limit found off the runtime's goroutine; thrown as
// limitError's RangeError.
type limitErr struct{ msg string }

func (e *limitErr) Error() string { return e.msg }

func (rt *runtime) throwCrypto(err error) {
	panic(rt.cryptoJSError(err))
}

// cryptoHandle is an opaque Go value a binding hands to JS and takes back
// (a hash in progress, a cipher, a key). It has no exported fields or
// methods: JS sees an empty object.
type cryptoHandle struct {
	h      hash.Hash
	alg    string
	c      *cipherState
	key    *keyData
	closed bool
}

func (rt *runtime) handleArg(v goja.Value) *cryptoHandle {
	if o, ok := v.(*goja.Object); ok {
		if h, ok := o.Export().(*cryptoHandle); ok {
			return h
		}
	}
	panic(rt.vm.NewTypeError("crypto: not a handle"))
}

// ---- bytes in and out -------------------------------------------------

// cryptoBytes returns the bytes of v: a string decoded with enc (utf8 by
// default), checked before it is decoded, or a copy of a typed array's,
// DataView's or ArrayBuffer's bytes (a copy: the work may run on another
// goroutine while JS changes them). what names the argument in errors.
func (rt *runtime) cryptoBytes(what string, v, enc goja.Value) []byte {
	return rt.cryptoInput(what, v, enc, true)
}

// quickBytes is cryptoBytes without the copy of a view's bytes, for work
// done at once on the runtime's goroutine (no JS runs meanwhile).
func (rt *runtime) quickBytes(what string, v, enc goja.Value) []byte {
	return rt.cryptoInput(what, v, enc, false)
}

func (rt *runtime) cryptoInput(what string, v, enc goja.Value, copyView bool) []byte {
	if s, ok := v.(goja.String); ok {
		name := "utf8"
		if goja.IsString(enc) {
			name = normEncoding(enc.String())
		}
		n := float64(s.Length())
		if max := decodedMax(name, n); max > float64(rt.e.cfg.MaxTypedArrayBytes) {
			rt.tooManyBytes(what, max)
		}
		b, err := decodeString(s.String(), name)
		if err != nil {
			rt.throwCrypto(err)
		}
		return b
	}
	b, ok := rt.cryptoView(v)
	if !ok {
		panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", fmt.Sprintf(`The "%s" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`, what)))
	}
	if !copyView {
		return b
	}
	return append([]byte(nil), b...)
}

// cryptoView is viewBytes with DataViews too: the bytes a typed array,
// DataView or ArrayBuffer views, without copying.
func (rt *runtime) cryptoView(v goja.Value) ([]byte, bool) {
	if b, ok := rt.viewBytes(v); ok {
		return b, true
	}
	o, ok := v.(*goja.Object)
	if !ok || !rt.isDataView(o) {
		return nil, false
	}
	// DataView.prototype's getters throw for anything but a DataView.
	whole, ok := rt.viewBytes(o.Get("buffer"))
	if !ok {
		return nil, false
	}
	off, n := o.Get("byteOffset").ToInteger(), o.Get("byteLength").ToInteger()
	if off < 0 || n < 0 || off+n > int64(len(whole)) {
		return nil, false
	}
	return whole[off : off+n], true
}

// isDataView reports whether o inherits from DataView.prototype (goja
// gives DataViews no class name of their own).
func (rt *runtime) isDataView(o *goja.Object) bool {
	ctor, ok := rt.vm.Get("DataView").(*goja.Object)
	if !ok {
		return false
	}
	proto, _ := ctor.Get("prototype").(*goja.Object)
	for p, n := o.Prototype(), 0; p != nil && n < 64; p, n = p.Prototype(), n+1 {
		if p == proto {
			return true
		}
	}
	return false
}

// normEncoding maps Node's encoding names to the codec names decodedMax
// and decodeString know.
func normEncoding(enc string) string {
	switch strings.ToLower(enc) {
	case "hex":
		return "hex"
	case "base64":
		return "base64"
	case "base64url":
		return "base64Url"
	case "latin1", "binary":
		return "latin1"
	case "ascii":
		return "ascii"
	case "utf16le", "utf-16le", "ucs2", "ucs-2":
		return "utf16le"
	case "buffer":
		return "buffer"
	}
	return "utf8"
}

func decodeString(s, enc string) ([]byte, error) {
	switch enc {
	case "hex":
		// Node stops at the first pair that is not hex.
		n := 0
		for n+1 < len(s) && isHex(s[n]) && isHex(s[n+1]) {
			n += 2
		}
		return hex.DecodeString(s[:n])
	case "base64", "base64Url":
		// As Node: both alphabets, characters outside them skipped, the
		// first "=" ends the data.
		clean := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '=':
				i = len(s)
				continue
			case c == '-':
				c = '+'
			case c == '_':
				c = '/'
			case c == '+' || c == '/' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			default:
				continue
			}
			clean = append(clean, c)
		}
		if len(clean)%4 == 1 {
			clean = clean[:len(clean)-1]
		}
		b, err := base64.RawStdEncoding.DecodeString(string(clean))
		if err != nil {
			return nil, cryptoTypeErr("ERR_INVALID_ARG_VALUE", "invalid base64 input")
		}
		return b, nil
	case "latin1", "ascii":
		u := utf16.Encode([]rune(s))
		b := make([]byte, len(u))
		for i, c := range u {
			b[i] = byte(c)
		}
		return b, nil
	case "utf16le":
		u := utf16.Encode([]rune(s))
		b := make([]byte, 2*len(u))
		for i, c := range u {
			b[2*i], b[2*i+1] = byte(c), byte(c>>8)
		}
		return b, nil
	}
	return []byte(strings.ToValidUTF8(s, "\uFFFD")), nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// encodeBytes is b as a string in enc (hex, base64, base64url, latin1,
// utf8, …), checked against MaxStringLen first.
func (rt *runtime) encodeBytes(b []byte, enc string) goja.Value {
	name := normEncoding(enc)
	if n := encodedMax(name, float64(len(b))); n > float64(rt.e.cfg.MaxStringLen) {
		rt.stringTooLong("the encoded result", n)
	}
	switch name {
	case "hex":
		return rt.vm.ToValue(hex.EncodeToString(b))
	case "base64":
		return rt.vm.ToValue(base64.StdEncoding.EncodeToString(b))
	case "base64Url":
		return rt.vm.ToValue(base64.RawURLEncoding.EncodeToString(b))
	case "latin1":
		u := make([]uint16, len(b))
		for i, c := range b {
			u[i] = uint16(c)
		}
		return rt.vm.ToValue(goja.StringFromUTF16(u))
	case "ascii":
		u := make([]uint16, len(b))
		for i, c := range b {
			u[i] = uint16(c & 0x7f)
		}
		return rt.vm.ToValue(goja.StringFromUTF16(u))
	case "utf16le":
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return rt.vm.ToValue(goja.StringFromUTF16(u))
	}
	if utf8.Valid(b) {
		return rt.vm.ToValue(string(b))
	}
	return rt.vm.ToValue(strings.ToValidUTF8(string(b), "\uFFFD"))
}

// abuf hands b to JS as an ArrayBuffer (no copy): the JS side wraps it in
// a Buffer or a typed array.
func (rt *runtime) abuf(b []byte) goja.Value {
	if b == nil {
		b = []byte{}
	}
	return rt.vm.ToValue(rt.vm.NewArrayBuffer(b))
}

// sizeArg is a non-negative integer size argument, at most max, checked
// before anything is allocated.
func (rt *runtime) sizeArg(what string, v goja.Value, max int64) int {
	f := v.ToFloat()
	if f != f || f < 0 || f != math.Trunc(f) {
		e := rt.vm.NewTypeError(fmt.Sprintf(`The value of "%s" is out of range. It must be an integer >= 0. Received %s`, what, v.String()))
		_ = e.Set("code", "ERR_OUT_OF_RANGE")
		panic(e)
	}
	if f > float64(max) {
		rt.tooManyBytes(what, f)
	}
	return int(f)
}

// ---- running the work -------------------------------------------------

// maxCryptoInFlight bounds the slow crypto work one runtime may have
// running on goroutines; more waits as the synchronous form does. Each
// holds copies of its inputs, and the machine's cores are few.
const maxCryptoInFlight = 4

// cryptoRun runs work and makes its result into a JS value with toJS (on
// the runtime's goroutine). Quick work runs at once (async: the promise it
// answers is already settled), so a loop of calls never holds more than
// one call's copies of its inputs. Slow work (key derivation, RSA key
// generation) runs on a goroutine: async, settling a promise on the event
// loop, while at most maxCryptoInFlight run; otherwise the runtime's
// goroutine waits for it or for the invocation's deadline (which then
// throws as any interrupt does).
func (rt *runtime) cryptoRun(async, slow bool, work func() (any, error), toJS func(any) goja.Value) goja.Value {
	if !slow {
		r, err := work()
		if !async {
			if err != nil {
				rt.throwCrypto(err)
			}
			return toJS(r)
		}
		return rt.settledPromise(r, err, toJS)
	}
	if async && rt.cryptoInFlight.Load() < maxCryptoInFlight {
		return rt.cryptoAsync(work, toJS)
	}
	type result struct {
		r   any
		err error
	}
	ch := make(chan result, 1)
	go func() {
		r, err := work()
		ch <- result{r, err}
	}()
	for {
		select {
		case res := <-ch:
			if async {
				return rt.settledPromise(res.r, res.err, toJS)
			}
			if res.err != nil {
				rt.throwCrypto(res.err)
			}
			return toJS(res.r)
		case <-rt.loop.wake:
			// The deadline or the memory watchdog: the interrupt is set
			// before the loop is woken, so running any JS throws it.
			rt.poll()
		}
	}
}

// settledPromise is a promise settled with r made by toJS, or rejected
// with err (or with what toJS threw).
func (rt *runtime) settledPromise(r any, err error, toJS func(any) goja.Value) goja.Value {
	p, resolve, reject := rt.vm.NewPromise()
	if err != nil {
		_ = reject(rt.cryptoJSError(err))
		return rt.vm.ToValue(p)
	}
	v, thrown := rt.tryJS(func() goja.Value { return toJS(r) })
	if thrown != nil {
		_ = reject(thrown)
	} else {
		_ = resolve(v)
	}
	return rt.vm.ToValue(p)
}

// tryJS runs f, returning what it threw as a JS value (a goja panic with
// a JS value or exception) instead of unwinding.
func (rt *runtime) tryJS(f func() goja.Value) (v goja.Value, thrown goja.Value) {
	defer func() {
		if x := recover(); x != nil {
			switch e := x.(type) {
			case *goja.Exception:
				thrown = e.Value()
			case goja.Value:
				thrown = e
			default:
				panic(x)
			}
		}
	}()
	return f(), nil
}

// cryptoAsync settles a promise with work's result, made into a JS value
// on the loop, or rejects it with the error cryptoJSError makes.
func (rt *runtime) cryptoAsync(work func() (any, error), toJS func(any) goja.Value) goja.Value {
	p, resolve, reject := rt.vm.NewPromise()
	done := rt.loop.hold()
	rt.cryptoInFlight.Add(1)
	go func() {
		r, err := work()
		rt.cryptoInFlight.Add(-1)
		done(func() error {
			if err != nil {
				return reject(rt.cryptoJSError(err))
			}
			v, thrown := rt.tryJS(func() goja.Value { return toJS(r) })
			if thrown != nil {
				return reject(thrown)
			}
			return resolve(v)
		})
	}()
	return rt.vm.ToValue(p)
}

// bytesResult is make for work that returns bytes: an ArrayBuffer.
func (rt *runtime) bytesResult(r any) goja.Value { return rt.abuf(r.([]byte)) }

// ---- hashes ---------------------------------------------------------------

// hashNames are the digests the bindings know, in the order getHashes lists.
var hashNames = []string{"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256", "sha3-224", "sha3-256", "sha3-384", "sha3-512"}

// newHash makes the digest called name (Node's spellings: case-insensitive,
// "RSA-SHA256", "sha-256" as Web Crypto writes it), or nil.
func newHash(name string) func() hash.Hash {
	switch canonHash(name) {
	case "md5":
		return md5.New
	case "sha1":
		return sha1.New
	case "sha224":
		return sha256.New224
	case "sha256":
		return sha256.New
	case "sha384":
		return sha512.New384
	case "sha512":
		return sha512.New
	case "sha512-224":
		return sha512.New512_224
	case "sha512-256":
		return sha512.New512_256
	case "sha3-224":
		return func() hash.Hash { return sha3.New224() }
	case "sha3-256":
		return func() hash.Hash { return sha3.New256() }
	case "sha3-384":
		return func() hash.Hash { return sha3.New384() }
	case "sha3-512":
		return func() hash.Hash { return sha3.New512() }
	}
	return nil
}

// canonHash is a digest's name as hashNames writes it.
func canonHash(name string) string {
	n := strings.ToLower(name)
	n = strings.TrimPrefix(n, "rsa-")
	switch n {
	case "sha-1":
		return "sha1"
	case "sha-224":
		return "sha224"
	case "sha-256":
		return "sha256"
	case "sha-384":
		return "sha384"
	case "sha-512":
		return "sha512"
	case "sha512/224", "sha-512/224":
		return "sha512-224"
	case "sha512/256", "sha-512/256":
		return "sha512-256"
	}
	return n
}

func (rt *runtime) hashArg(v goja.Value) (func() hash.Hash, string) {
	name := v.String()
	f := newHash(name)
	if f == nil {
		rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: %s", name))
	}
	return f, canonHash(name)
}

// ---- the bindings -----------------------------------------------------------

// cryptoBindings is the host object of the module internal/crypto.
func (rt *runtime) cryptoBindings() goja.Value {
	vm := rt.vm
	cfg := &rt.e.cfg
	h := bindingTable{}
	set := h.set
	wrap := func(x *cryptoHandle) goja.Value { return vm.ToValue(x) }

	set("hashes", func(goja.FunctionCall) goja.Value { return vm.ToValue(append([]string(nil), hashNames...)) })
	set("hashSize", func(c goja.FunctionCall) goja.Value {
		f, _ := rt.hashArg(c.Argument(0))
		return vm.ToValue(f().Size())
	})
	set("hashNew", func(c goja.FunctionCall) goja.Value {
		if newHash(c.Argument(0).String()) == nil {
			rt.throwCrypto(&cryptoError{kind: "Error", msg: "Digest method not supported"})
		}
		f, name := rt.hashArg(c.Argument(0))
		return wrap(&cryptoHandle{h: f(), alg: name})
	})
	set("hmacNew", func(c goja.FunctionCall) goja.Value {
		f, name := rt.hashArg(c.Argument(0))
		key := rt.secretArg("key", c.Argument(1), c.Argument(2))
		return wrap(&cryptoHandle{h: hmac.New(f, key), alg: name})
	})
	// hashUpdate(h, data, enc): hashes the bytes in place (no copy of a view).
	set("hashUpdate", func(c goja.FunctionCall) goja.Value {
		x := rt.handleArg(c.Argument(0))
		if x.h == nil || x.closed {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
		}
		if s, ok := c.Argument(1).(goja.String); ok {
			x.h.Write(rt.cryptoBytes("data", s, c.Argument(2)))
		} else if b, ok := rt.cryptoView(c.Argument(1)); ok {
			x.h.Write(b)
		} else {
			rt.cryptoBytes("data", c.Argument(1), goja.Undefined()) // throws
		}
		return goja.Undefined()
	})
	set("hashDigest", func(c goja.FunctionCall) goja.Value {
		x := rt.handleArg(c.Argument(0))
		if x.h == nil || x.closed {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
		}
		x.closed = true
		return rt.abuf(x.h.Sum(nil))
	})
	set("hashCopy", func(c goja.FunctionCall) goja.Value {
		x := rt.handleArg(c.Argument(0))
		if x.h == nil || x.closed {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
		}
		m, ok := x.h.(encoding.BinaryMarshaler)
		if !ok {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_OPERATION_FAILED", "this digest cannot be copied"))
		}
		state, err := m.MarshalBinary()
		if err != nil {
			rt.throwCrypto(err)
		}
		n := newHash(x.alg)()
		if err := n.(encoding.BinaryUnmarshaler).UnmarshalBinary(state); err != nil {
			rt.throwCrypto(err)
		}
		return wrap(&cryptoHandle{h: n, alg: x.alg})
	})
	// digest(alg, data, async): one shot (crypto.hash, subtle.digest).
	set("digest", func(c goja.FunctionCall) goja.Value {
		f, _ := rt.hashArg(c.Argument(0))
		data := rt.quickBytes("data", c.Argument(1), c.Argument(2))
		return rt.cryptoRun(c.Argument(3).ToBoolean(), false, func() (any, error) {
			h := f()
			h.Write(data)
			return h.Sum(nil), nil
		}, rt.bytesResult)
	})
	set("encode", func(c goja.FunctionCall) goja.Value {
		b, ok := rt.viewBytes(c.Argument(0))
		if !ok {
			panic(vm.NewTypeError("crypto: encode takes bytes"))
		}
		return rt.encodeBytes(b, c.Argument(1).String())
	})
	set("decode", func(c goja.FunctionCall) goja.Value {
		return rt.abuf(rt.cryptoBytes("data", c.Argument(0), c.Argument(1)))
	})
	// randomFill(view, offset, size): fills bytes of a view in place; the
	// view's bytes already exist, so nothing is allocated.
	set("randomFill", func(c goja.FunctionCall) goja.Value {
		b, ok := rt.viewBytes(c.Argument(0))
		if !ok {
			panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", `The "buf" argument must be an instance of ArrayBuffer or ArrayBufferView.`))
		}
		off, size := c.Argument(1).ToInteger(), c.Argument(2).ToInteger()
		if off < 0 || off > int64(len(b)) {
			panic(rt.nodeRangeError("ERR_OUT_OF_RANGE", fmt.Sprintf(`The value of "offset" is out of range. It must be >= 0 && <= %d. Received %d`, len(b), off)))
		}
		if size < 0 || off+size > int64(len(b)) {
			panic(rt.nodeRangeError("ERR_OUT_OF_RANGE", fmt.Sprintf(`The value of "size + offset" is out of range. It must be <= %d. Received %d`, len(b), off+size)))
		}
		_, _ = rand.Read(b[off : off+size])
		return goja.Undefined()
	})
	set("randomBytes", func(c goja.FunctionCall) goja.Value {
		n := rt.sizeArg("size", c.Argument(0), cfg.MaxTypedArrayBytes)
		b := make([]byte, n)
		_, _ = rand.Read(b)
		return rt.abuf(b)
	})
	set("randomInt", func(c goja.FunctionCall) goja.Value {
		// [min, max), max - min < 2**48, checked by the JS side.
		lo, hi := c.Argument(0).ToInteger(), c.Argument(1).ToInteger()
		var b [8]byte
		rng := uint64(hi - lo)
		limit := (math.MaxUint64 / rng) * rng
		for {
			_, _ = rand.Read(b[:])
			x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 | uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			if x < limit {
				return vm.ToValue(lo + int64(x%rng))
			}
		}
	})
	set("timingSafeEqual", func(c goja.FunctionCall) goja.Value {
		a, ok1 := rt.viewBytes(c.Argument(0))
		b, ok2 := rt.viewBytes(c.Argument(1))
		if !ok1 || !ok2 {
			panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", `The "buf1" and "buf2" arguments must be instances of ArrayBuffer, Buffer, TypedArray, or DataView.`))
		}
		if len(a) != len(b) {
			panic(rt.nodeRangeError("ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length"))
		}
		return vm.ToValue(subtle.ConstantTimeCompare(a, b) == 1)
	})
	// pbkdf2(password, salt, iterations, keylen, digest, async)
	set("pbkdf2", func(c goja.FunctionCall) goja.Value {
		pw := rt.secretArg("password", c.Argument(0), goja.Undefined())
		salt := rt.cryptoBytes("salt", c.Argument(1), goja.Undefined())
		iter := c.Argument(2).ToInteger()
		keylen := rt.sizeArg("keylen", c.Argument(3), cfg.MaxTypedArrayBytes)
		f, _ := rt.hashArg(c.Argument(4))
		if iter < 1 {
			panic(rt.nodeRangeError("ERR_OUT_OF_RANGE", fmt.Sprintf(`The value of "iterations" is out of range. It must be >= 1 && <= 2147483647. Received %d`, iter)))
		}
		size := f().Size()
		blocks := int64((keylen + size - 1) / size)
		if work := float64(iter) * float64(max(blocks, 1)); work > float64(cfg.MaxPBKDF2Work) {
			panic(rt.limitError(fmt.Sprintf("PBKDF2 with %d iterations for %d output blocks would take %s units of work; the limit is %d iterations × blocks (engine MaxPBKDF2Work)", iter, blocks, fmtCount(work), cfg.MaxPBKDF2Work)))
		}
		ctx := rt.loop.context()
		return rt.cryptoRun(c.Argument(5).ToBoolean(), true, func() (any, error) {
			if keylen == 0 {
				return []byte{}, nil
			}
			return pbkdf2Key(ctx, f, pw, salt, int(iter), keylen)
		}, rt.bytesResult)
	})
	// scrypt(password, salt, keylen, N, r, p, maxmem, async)
	set("scrypt", func(c goja.FunctionCall) goja.Value {
		pw := rt.secretArg("password", c.Argument(0), goja.Undefined())
		salt := rt.cryptoBytes("salt", c.Argument(1), goja.Undefined())
		keylen := rt.sizeArg("keylen", c.Argument(2), cfg.MaxTypedArrayBytes)
		n, r, p := c.Argument(3).ToInteger(), c.Argument(4).ToInteger(), c.Argument(5).ToInteger()
		maxmem := c.Argument(6).ToFloat()
		if n < 2 || n&(n-1) != 0 || r < 1 || p < 1 || float64(r)*float64(p) >= 1<<30 {
			panic(rt.nodeRangeError("ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params"))
		}
		mem := 128 * float64(n) * float64(r)
		if mem > maxmem {
			panic(rt.nodeRangeError("ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded"))
		}
		if mem > float64(cfg.MaxTypedArrayBytes) {
			rt.tooManyBytes("scrypt's working memory (128 × N × r)", mem)
		}
		if work := float64(n) * float64(r) * float64(p); work > float64(cfg.MaxScryptWork) {
			panic(rt.limitError(fmt.Sprintf("scrypt with N × r × p = %s would run too long; the limit is %d (engine MaxScryptWork)", fmtCount(work), cfg.MaxScryptWork)))
		}
		return rt.cryptoRun(c.Argument(7).ToBoolean(), true, func() (any, error) {
			if keylen == 0 {
				return []byte{}, nil
			}
			return scrypt.Key(pw, salt, int(n), int(r), int(p), keylen)
		}, rt.bytesResult)
	})
	// hkdf(digest, ikm, salt, info, keylen, async)
	set("hkdf", func(c goja.FunctionCall) goja.Value {
		f, _ := rt.hashArg(c.Argument(0))
		ikm := rt.secretArg("ikm", c.Argument(1), goja.Undefined())
		salt := rt.quickBytes("salt", c.Argument(2), goja.Undefined())
		info := rt.quickBytes("info", c.Argument(3), goja.Undefined())
		keylen := rt.sizeArg("keylen", c.Argument(4), cfg.MaxTypedArrayBytes)
		if size := f().Size(); keylen > 255*size {
			panic(rt.nodeRangeError("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"))
		}
		return rt.cryptoRun(c.Argument(5).ToBoolean(), false, func() (any, error) {
			if keylen == 0 {
				return []byte{}, nil
			}
			return hkdf.Key(f, ikm, salt, string(info), keylen)
		}, rt.bytesResult)
	})
	rt.cipherBindings(h)
	rt.keyBindings(h)
	return vm.NewDynamicObject(&lazyBindings{vm: vm, fns: h, made: map[string]goja.Value{}})
}

// bindingTable holds a module's Go bindings by name, as Go functions:
// lazyBindings makes each into a JS function only when the module's
// JavaScript first reads it (a goja function costs about 0.7 KB and 2 µs
// to make; a runtime uses a few of the sixty).
type bindingTable map[string]func(c goja.FunctionCall) goja.Value

func (t bindingTable) set(name string, f func(c goja.FunctionCall) goja.Value) { t[name] = f }

type lazyBindings struct {
	vm   *goja.Runtime
	fns  bindingTable
	made map[string]goja.Value
}

func (l *lazyBindings) Get(key string) goja.Value {
	if v, ok := l.made[key]; ok {
		return v
	}
	f, ok := l.fns[key]
	if !ok {
		return nil
	}
	v := l.vm.ToValue(f)
	l.made[key] = v
	return v
}

func (l *lazyBindings) Has(key string) bool         { _, ok := l.fns[key]; return ok }
func (l *lazyBindings) Set(string, goja.Value) bool { return false }
func (l *lazyBindings) Delete(string) bool          { return false }
func (l *lazyBindings) Keys() []string              { return nil }

// pbkdf2Key is PBKDF2 (RFC 8018) over crypto/hmac, as crypto/pbkdf2
// computes it, but stopping once ctx is done (checked every 4096
// iterations): the invocation that asked has ended, so work it abandoned
// at its deadline does not run on to its cap.
func pbkdf2Key(ctx context.Context, h func() hash.Hash, password, salt []byte, iter, keyLen int) ([]byte, error) {
	prf := hmac.New(h, password)
	size := prf.Size()
	blocks := (keyLen + size - 1) / size
	dk := make([]byte, 0, blocks*size)
	u := make([]byte, 0, size)
	var idx [4]byte
	for block := 1; block <= blocks; block++ {
		prf.Reset()
		prf.Write(salt)
		idx[0], idx[1], idx[2], idx[3] = byte(block>>24), byte(block>>16), byte(block>>8), byte(block)
		prf.Write(idx[:])
		dk = prf.Sum(dk)
		t := dk[len(dk)-size:]
		u = append(u[:0], t...)
		for n := 2; n <= iter; n++ {
			if n%4096 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			prf.Reset()
			prf.Write(u)
			u = prf.Sum(u[:0])
			for i := range u {
				t[i] ^= u[i]
			}
		}
	}
	return dk[:keyLen], nil
}

// secretArg is the bytes of a password or key argument: a string (in
// enc), bytes, or a secret KeyObject's handle.
func (rt *runtime) secretArg(what string, v, enc goja.Value) []byte {
	if o, ok := v.(*goja.Object); ok {
		if x, ok := o.Export().(*cryptoHandle); ok {
			if x.key == nil || x.key.kind != keySecret {
				rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type %s, expected secret.", x.key.kindName()))
			}
			return x.key.secret
		}
	}
	return rt.cryptoBytes(what, v, enc)
}
