package engine

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

// AES in GCM, CBC, CTR and ECB modes for createCipheriv/createDecipheriv
// and crypto.subtle.
//
// GCM streams as Node's does: update returns the ciphertext (or, when
// decrypting, the not yet authenticated plaintext) at once, and final
// makes or checks the tag. Go's AEAD is one-shot, so the keystream is made
// here (AES of GCM's 32-bit counter, whose first block is found by
// decrypting the first keystream block Go's GCM makes for the IV: that
// works for any IV length), and the tag comes from sealing the whole
// plaintext once more at the end, truncated to the tag length chosen (4 to
// 16 bytes, which Go's AEAD alone cannot do). The plaintext is kept until
// final, within MaxTypedArrayBytes.

// cipherNames are the ciphers getCiphers lists.
var cipherNames = []string{
	"aes-128-cbc", "aes-128-ctr", "aes-128-ecb", "aes-128-gcm",
	"aes-192-cbc", "aes-192-ctr", "aes-192-ecb", "aes-192-gcm",
	"aes-256-cbc", "aes-256-ctr", "aes-256-ecb", "aes-256-gcm",
	"id-aes128-gcm", "id-aes192-gcm", "id-aes256-gcm",
}

// cipherNIDs are OpenSSL's numeric ids, which getCipherInfo answers.
var cipherNIDs = map[string]int{
	"aes-128-ecb": 418, "aes-128-cbc": 419, "aes-192-ecb": 422, "aes-192-cbc": 423, "aes-256-ecb": 426, "aes-256-cbc": 427,
	"id-aes128-gcm": 895, "id-aes192-gcm": 898, "id-aes256-gcm": 901, "aes-128-ctr": 904, "aes-192-ctr": 905, "aes-256-ctr": 906,
}

type cipherState struct {
	mode    string // gcm, cbc, ctr, ecb
	decrypt bool
	block   cipher.Block
	iv      []byte

	pending []byte // cbc, ecb: bytes not yet a whole block (and, decrypting, the last block)
	cbc     cipher.BlockMode
	padding bool
	stream  cipher.Stream // ctr

	// gcm
	ctr     [16]byte
	ks      [16]byte
	ksUsed  int
	aad     []byte
	plain   []byte
	tag     []byte
	tagLen  int
	started bool
	done    bool
}

// parseCipher splits "aes-256-gcm" into key size and mode.
func parseCipher(name string) (keyLen int, mode string, ok bool) {
	n := strings.ToLower(name)
	if strings.HasPrefix(n, "id-aes") && strings.HasSuffix(n, "-gcm") {
		n = "aes-" + strings.TrimSuffix(strings.TrimPrefix(n, "id-aes"), "-gcm") + "-gcm"
	}
	for _, k := range []int{128, 192, 256} {
		p := fmt.Sprintf("aes-%d-", k)
		if strings.HasPrefix(n, p) {
			switch m := n[len(p):]; m {
			case "gcm", "cbc", "ctr", "ecb":
				return k / 8, m, true
			}
		}
	}
	if n == "aes128" || n == "aes192" || n == "aes256" {
		return map[string]int{"aes128": 16, "aes192": 24, "aes256": 32}[n], "cbc", true
	}
	return 0, "", false
}

// gcmCounter is the first counter block GCM encrypts data with (J0 + 1)
// for iv.
func gcmCounter(block cipher.Block, iv []byte) ([16]byte, error) {
	var ctr [16]byte
	aead, err := cipher.NewGCMWithNonceSize(block, len(iv))
	if err != nil {
		return ctr, err
	}
	ks := aead.Seal(nil, iv, make([]byte, 16), nil)
	block.Decrypt(ctr[:], ks[:16])
	return ctr, nil
}

// gcmTag is the tag of plaintext under iv and aad, cut to n bytes.
func gcmTag(block cipher.Block, iv, plain, aad []byte, n int) []byte {
	aead, err := cipher.NewGCMWithNonceSize(block, len(iv))
	if err != nil {
		return nil
	}
	out := aead.Seal(nil, iv, plain, aad)
	return out[len(plain) : len(plain)+n]
}

func (s *cipherState) gcmXOR(dst, src []byte) {
	for i := range src {
		if s.ksUsed == 16 || !s.started {
			s.block.Encrypt(s.ks[:], s.ctr[:])
			binary.BigEndian.PutUint32(s.ctr[12:], binary.BigEndian.Uint32(s.ctr[12:])+1)
			s.ksUsed = 0
			s.started = true
		}
		dst[i] = src[i] ^ s.ks[s.ksUsed]
		s.ksUsed++
	}
}

var errBadDecrypt = &cryptoError{kind: "Error", code: "ERR_OSSL_BAD_DECRYPT", msg: "error:1C800064:Provider routines::bad decrypt"}
var errWrongFinal = &cryptoError{kind: "Error", code: "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH", msg: "error:1C80006B:Provider routines::wrong final block length"}
var errAuth = &cryptoError{kind: "Error", code: "", msg: "Unsupported state or unable to authenticate data"}

func (s *cipherState) update(in []byte) ([]byte, error) {
	switch s.mode {
	case "gcm":
		out := make([]byte, len(in))
		s.gcmXOR(out, in)
		if s.decrypt {
			s.plain = append(s.plain, out...)
		} else {
			s.plain = append(s.plain, in...)
		}
		return out, nil
	case "ctr":
		out := make([]byte, len(in))
		s.stream.XORKeyStream(out, in)
		return out, nil
	}
	// cbc, ecb: whole blocks; when decrypting with padding, the last
	// block waits for final.
	s.pending = append(s.pending, in...)
	n := len(s.pending) / 16 * 16
	if s.decrypt && s.padding && n == len(s.pending) && n > 0 {
		n -= 16
	}
	out := make([]byte, n)
	s.crypt(out, s.pending[:n])
	s.pending = append(s.pending[:0], s.pending[n:]...)
	return out, nil
}

func (s *cipherState) crypt(dst, src []byte) {
	if s.mode == "cbc" {
		s.cbc.CryptBlocks(dst, src)
		return
	}
	for i := 0; i < len(src); i += 16 {
		if s.decrypt {
			s.block.Decrypt(dst[i:], src[i:i+16])
		} else {
			s.block.Encrypt(dst[i:], src[i:i+16])
		}
	}
}

func (s *cipherState) final() ([]byte, error) {
	switch s.mode {
	case "gcm":
		if s.decrypt {
			if s.tag == nil {
				return nil, errAuth
			}
			want := gcmTag(s.block, s.iv, s.plain, s.aad, len(s.tag))
			if subtle.ConstantTimeCompare(want, s.tag) != 1 {
				return nil, errAuth
			}
		} else {
			s.tag = gcmTag(s.block, s.iv, s.plain, s.aad, s.tagLen)
		}
		s.plain = nil
		return []byte{}, nil
	case "ctr":
		return []byte{}, nil
	}
	if !s.padding {
		if len(s.pending) != 0 {
			if s.decrypt {
				return nil, errWrongFinal
			}
			return nil, &cryptoError{kind: "Error", code: "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH", msg: "error:1C80006B:Provider routines::wrong final block length"}
		}
		return []byte{}, nil
	}
	if !s.decrypt {
		p := 16 - len(s.pending)
		blk := append(s.pending, make([]byte, p)...)
		for i := 16 - p; i < 16; i++ {
			blk[i] = byte(p)
		}
		out := make([]byte, 16)
		s.crypt(out, blk)
		return out, nil
	}
	if len(s.pending) != 16 {
		return nil, errWrongFinal
	}
	out := make([]byte, 16)
	s.crypt(out, s.pending)
	return unpad(out)
}

func unpad(b []byte) ([]byte, error) {
	if len(b) == 0 || len(b)%16 != 0 {
		return nil, errBadDecrypt
	}
	p := int(b[len(b)-1])
	if p == 0 || p > 16 {
		return nil, errBadDecrypt
	}
	for _, c := range b[len(b)-p:] {
		if int(c) != p {
			return nil, errBadDecrypt
		}
	}
	return b[:len(b)-p], nil
}

func (rt *runtime) cipherState(c goja.FunctionCall) *cipherState {
	x := rt.handleArg(c.Argument(0))
	if x.c == nil {
		panic(rt.vm.NewTypeError("crypto: not a cipher"))
	}
	return x.c
}

func (rt *runtime) cipherBindings(h bindingTable) {
	vm := rt.vm
	cfg := &rt.e.cfg
	set := h.set
	set("ciphers", func(goja.FunctionCall) goja.Value { return vm.ToValue(append([]string(nil), cipherNames...)) })
	set("cipherInfo", func(c goja.FunctionCall) goja.Value {
		kl, mode, ok := parseCipher(c.Argument(0).String())
		if !ok {
			return goja.Undefined()
		}
		ivl := 16
		switch mode {
		case "gcm":
			ivl = 12
		case "ecb":
			ivl = 0
		}
		o := vm.NewObject()
		name := fmt.Sprintf("aes-%d-%s", kl*8, mode)
		if mode == "gcm" {
			name = fmt.Sprintf("id-aes%d-gcm", kl*8)
		}
		_ = o.Set("name", name)
		_ = o.Set("nid", cipherNIDs[name])
		_ = o.Set("keyLength", kl)
		_ = o.Set("ivLength", ivl)
		_ = o.Set("mode", mode)
		if mode != "ctr" && mode != "gcm" {
			_ = o.Set("blockSize", 16)
		} else {
			_ = o.Set("blockSize", 1)
		}
		return o
	})
	// cipherNew(name, key, iv, decrypt, authTagLength)
	set("cipherNew", func(c goja.FunctionCall) goja.Value {
		name := c.Argument(0).String()
		kl, mode, ok := parseCipher(name)
		if !ok {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher"))
		}
		key := rt.secretArg("key", c.Argument(1), goja.Undefined())
		if len(key) != kl {
			panic(rt.nodeRangeError("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"))
		}
		var iv []byte
		if ivv := c.Argument(2); !goja.IsNull(ivv) && !goja.IsUndefined(ivv) {
			iv = rt.cryptoBytes("iv", ivv, goja.Undefined())
		}
		switch {
		case mode == "gcm" && len(iv) == 0, (mode == "cbc" || mode == "ctr") && len(iv) != 16, mode == "ecb" && len(iv) != 0:
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_IV", "Invalid initialization vector"))
		}
		if len(iv) > 1024 {
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_IV", "Invalid initialization vector"))
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			rt.throwCrypto(err)
		}
		s := &cipherState{mode: mode, decrypt: c.Argument(3).ToBoolean(), block: block, iv: iv, padding: true, tagLen: 16}
		if tl := c.Argument(4); !goja.IsUndefined(tl) && !goja.IsNull(tl) {
			n := tl.ToInteger()
			if mode == "gcm" && (n == 4 || n == 8 || n >= 12 && n <= 16) {
				s.tagLen = int(n)
			} else if mode == "gcm" {
				rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_AUTH_TAG", "Invalid authentication tag length: %d", n))
			}
		}
		switch mode {
		case "gcm":
			if s.ctr, err = gcmCounter(block, iv); err != nil {
				rt.throwCrypto(err)
			}
		case "cbc":
			if s.decrypt {
				s.cbc = cipher.NewCBCDecrypter(block, iv)
			} else {
				s.cbc = cipher.NewCBCEncrypter(block, iv)
			}
		case "ctr":
			s.stream = cipher.NewCTR(block, iv)
		}
		return vm.ToValue(&cryptoHandle{c: s})
	})
	set("cipherUpdate", func(c goja.FunctionCall) goja.Value {
		s := rt.cipherState(c)
		if s.done {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation update"))
		}
		var in []byte
		if b, ok := rt.viewBytes(c.Argument(1)); ok {
			in = b
		} else {
			in = rt.cryptoBytes("data", c.Argument(1), c.Argument(2))
		}
		if s.mode == "gcm" && int64(len(s.plain)+len(in)) > cfg.MaxTypedArrayBytes {
			rt.tooManyBytes("the data of one AES-GCM message", float64(len(s.plain)+len(in)))
		}
		out, err := s.update(in)
		if err != nil {
			rt.throwCrypto(err)
		}
		return rt.abuf(out)
	})
	set("cipherFinal", func(c goja.FunctionCall) goja.Value {
		s := rt.cipherState(c)
		if s.done {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation final"))
		}
		s.done = true
		out, err := s.final()
		if err != nil {
			rt.throwCrypto(err)
		}
		return rt.abuf(out)
	})
	set("cipherSetAAD", func(c goja.FunctionCall) goja.Value {
		s := rt.cipherState(c)
		if s.mode != "gcm" || s.started || s.done {
			return vm.ToValue(false)
		}
		s.aad = append(s.aad, rt.cryptoBytes("buffer", c.Argument(1), goja.Undefined())...)
		if int64(len(s.aad)) > cfg.MaxTypedArrayBytes {
			rt.tooManyBytes("the additional data of one AES-GCM message", float64(len(s.aad)))
		}
		return vm.ToValue(true)
	})
	set("cipherSetAutoPadding", func(c goja.FunctionCall) goja.Value {
		s := rt.cipherState(c)
		if s.done {
			return vm.ToValue(false)
		}
		s.padding = c.Argument(1).ToBoolean()
		return vm.ToValue(true)
	})
	set("cipherGetAuthTag", func(c goja.FunctionCall) goja.Value {
		s := rt.cipherState(c)
		if s.mode != "gcm" || s.decrypt || !s.done || s.tag == nil {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation getAuthTag"))
		}
		return rt.abuf(append([]byte(nil), s.tag...))
	})
	set("cipherSetAuthTag", func(c goja.FunctionCall) goja.Value {
		s := rt.cipherState(c)
		if s.mode != "gcm" || !s.decrypt || s.done {
			rt.throwCrypto(cryptoErr("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation setAuthTag"))
		}
		tag := rt.cryptoBytes("buffer", c.Argument(1), goja.Undefined())
		if n := len(tag); !(n == 4 || n == 8 || n >= 12 && n <= 16) {
			rt.throwCrypto(cryptoTypeErr("ERR_CRYPTO_INVALID_AUTH_TAG", "Invalid authentication tag length: %d", n))
		}
		s.tag = tag
		return goja.Undefined()
	})
	// aes(mode, key, iv/counter, data, decrypt, aad, tagBits or counter
	// length): Web Crypto's one-shot AES-GCM, AES-CBC (PKCS#7 padding) and
	// AES-CTR, settling a promise.
	set("aes", func(c goja.FunctionCall) goja.Value {
		mode := c.Argument(0).String()
		key := rt.secretArg("key", c.Argument(1), goja.Undefined())
		iv := rt.cryptoBytes("iv", c.Argument(2), goja.Undefined())
		data := rt.quickBytes("data", c.Argument(3), goja.Undefined())
		decrypt := c.Argument(4).ToBoolean()
		var aad []byte
		if a := c.Argument(5); !goja.IsUndefined(a) && !goja.IsNull(a) {
			aad = rt.cryptoBytes("additionalData", a, goja.Undefined())
		}
		param := int(c.Argument(6).ToInteger())
		return rt.cryptoRun(true, false, func() (any, error) {
			return webAES(mode, key, iv, data, aad, decrypt, param)
		}, rt.bytesResult)
	})
	// aesKW(key, data, unwrap): RFC 3394 key wrap.
	set("aesKW", func(c goja.FunctionCall) goja.Value {
		key := rt.secretArg("key", c.Argument(0), goja.Undefined())
		data := rt.quickBytes("data", c.Argument(1), goja.Undefined())
		unwrap := c.Argument(2).ToBoolean()
		return rt.cryptoRun(true, false, func() (any, error) {
			block, err := aes.NewCipher(key)
			if err != nil {
				return nil, err
			}
			if unwrap {
				return aesUnwrap(block, data)
			}
			return aesWrap(block, data)
		}, rt.bytesResult)
	})
}

var errOperation = &cryptoError{kind: "Error", code: "OperationError", msg: "The operation failed for an operation-specific reason"}

func webAES(mode string, key, iv, data, aad []byte, decrypt bool, param int) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	switch mode {
	case "AES-GCM":
		tagLen := param / 8
		if len(iv) == 0 {
			return nil, errOperation
		}
		ctr, err := gcmCounter(block, iv)
		if err != nil {
			return nil, err
		}
		s := &cipherState{mode: "gcm", block: block, ctr: ctr}
		if !decrypt {
			out := make([]byte, len(data), len(data)+tagLen)
			s.gcmXOR(out, data)
			return append(out, gcmTag(block, iv, data, aad, tagLen)...), nil
		}
		if len(data) < tagLen {
			return nil, errOperation
		}
		ct, tag := data[:len(data)-tagLen], data[len(data)-tagLen:]
		out := make([]byte, len(ct))
		s.gcmXOR(out, ct)
		if subtle.ConstantTimeCompare(gcmTag(block, iv, out, aad, tagLen), tag) != 1 {
			return nil, errOperation
		}
		return out, nil
	case "AES-CBC":
		if len(iv) != 16 {
			return nil, errOperation
		}
		if decrypt {
			if len(data) == 0 || len(data)%16 != 0 {
				return nil, errOperation
			}
			out := make([]byte, len(data))
			cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, data)
			p, err := unpad(out)
			if err != nil {
				return nil, errOperation
			}
			return p, nil
		}
		p := 16 - len(data)%16
		in := make([]byte, len(data)+p)
		copy(in, data)
		for i := len(data); i < len(in); i++ {
			in[i] = byte(p)
		}
		cipher.NewCBCEncrypter(block, iv).CryptBlocks(in, in)
		return in, nil
	case "AES-CTR":
		// The counter's low `param` bits count and wrap; the rest is fixed.
		if len(iv) != 16 || param < 1 || param > 128 {
			return nil, errOperation
		}
		if param < 64 && uint64(len(data)+15)/16 > 1<<uint(param) {
			return nil, errOperation
		}
		var ctr, ks [16]byte
		copy(ctr[:], iv)
		out := make([]byte, len(data))
		for i := 0; i < len(data); i += 16 {
			block.Encrypt(ks[:], ctr[:])
			for j := i; j < min(i+16, len(data)); j++ {
				out[j] = data[j] ^ ks[j-i]
			}
			incCounter(ctr[:], param)
		}
		return out, nil
	}
	return nil, &cryptoError{kind: "Error", code: "NotSupportedError", msg: "Unrecognized algorithm name"}
}

// incCounter adds one to the low bits bits of the big-endian block ctr,
// wrapping within them.
func incCounter(ctr []byte, bits int) {
	for i := 15; i >= 0 && bits > 0; i-- {
		w := min(bits, 8)
		mask := byte(1<<w - 1)
		v := ctr[i]&mask + 1
		ctr[i] = ctr[i]&^mask | v&mask
		bits -= w
		if v&mask != 0 {
			return
		}
	}
}

var kwIV = []byte{0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6}

func aesWrap(block cipher.Block, p []byte) ([]byte, error) {
	if len(p)%8 != 0 || len(p) < 16 {
		return nil, errOperation
	}
	n := len(p) / 8
	a := append([]byte(nil), kwIV...)
	r := append([]byte(nil), p...)
	var b [16]byte
	for j := 0; j < 6; j++ {
		for i := 0; i < n; i++ {
			copy(b[:8], a)
			copy(b[8:], r[i*8:])
			block.Encrypt(b[:], b[:])
			t := uint64(n*j + i + 1)
			binary.BigEndian.PutUint64(a, binary.BigEndian.Uint64(b[:8])^t)
			copy(r[i*8:], b[8:])
		}
	}
	return append(a, r...), nil
}

func aesUnwrap(block cipher.Block, c []byte) ([]byte, error) {
	if len(c)%8 != 0 || len(c) < 24 {
		return nil, errOperation
	}
	n := len(c)/8 - 1
	a := append([]byte(nil), c[:8]...)
	r := append([]byte(nil), c[8:]...)
	var b [16]byte
	for j := 5; j >= 0; j-- {
		for i := n - 1; i >= 0; i-- {
			t := uint64(n*j + i + 1)
			binary.BigEndian.PutUint64(b[:8], binary.BigEndian.Uint64(a)^t)
			copy(b[8:], r[i*8:])
			block.Decrypt(b[:], b[:])
			copy(a, b[:8])
			copy(r[i*8:], b[8:])
		}
	}
	if subtle.ConstantTimeCompare(a, kwIV) != 1 {
		return nil, errOperation
	}
	return r, nil
}
