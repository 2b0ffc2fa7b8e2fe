package hostile_test

import (
	"fmt"
	"testing"

	"github.com/tarsus/tarsus/internal/testserver"
)

// cryptoAttacks make node:crypto or crypto.subtle allocate, or run, in
// proportion to a number the function chooses: each must be a clean error
// (a limit, or the deadline) within the deadline plus one second, with the
// server up and its memory bounded.
var cryptoAttacks = []allocAttack{
	{"randomBytes(2**31-1)", `() => ({ n: require("crypto").randomBytes(2 ** 31 - 1).length })`, 500, "TARSUS_LIMIT", "MaxTypedArrayBytes"},
	{"pbkdf2Sync of 2**31-1 iterations", `() => ({ n: require("crypto").pbkdf2Sync("p", "s", 2 ** 31 - 1, 64, "sha512").length })`, 500, "TARSUS_LIMIT", "MaxPBKDF2Work"},
	{"pbkdf2Sync of a 1 GiB key", `() => ({ n: require("crypto").pbkdf2Sync("p", "s", 1, 2 ** 30, "sha1").length })`, 500, "TARSUS_LIMIT", "MaxTypedArrayBytes"},
	{"scryptSync with 1 GiB of working memory", `() => ({ n: require("crypto").scryptSync("p", "s", 64, { N: 2 ** 20, r: 8, maxmem: 2 ** 40 }).length })`, 500, "TARSUS_LIMIT", "MaxTypedArrayBytes"},
	{"scryptSync with p = 2**20", `() => ({ n: require("crypto").scryptSync("p", "s", 64, { N: 2, r: 1, p: 2 ** 20 }).length })`, 500, "TARSUS_LIMIT", "MaxScryptWork"},
	{"a 16384-bit RSA key", `() => ({ n: require("crypto").generateKeyPairSync("rsa", { modulusLength: 16384 }) })`, 500, "TARSUS_LIMIT", "MaxRSAKeyBits"},
	{"subtle.generateKey of a 16384-bit RSA key", `async () => ({ n: await crypto.subtle.generateKey({ name: "RSA-PSS", modulusLength: 16384, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign"]) })`, 500, "TARSUS_LIMIT", "MaxRSAKeyBits"},
	{"hash update of a 2**40 array-like", `() => ({ n: require("crypto").createHash("sha256").update({ length: 2 ** 40 } as any).digest("hex") })`, 500, "ERR_INVALID_ARG_TYPE", "argument must be"},
	{"hkdfSync of a 1 GiB key", `() => ({ n: require("crypto").hkdfSync("sha512", "k", "s", "i", 2 ** 30).byteLength })`, 500, "TARSUS_LIMIT", "MaxTypedArrayBytes"},
	// Work within the caps, repeated: the deadline ends it, however it is
	// called.
	{"pbkdf2Sync at the cap in a loop", `() => { const c = require("crypto"); for (;;) c.pbkdf2Sync("p", "s", 2 ** 21, 64, "sha512") }`, 504, "TARSUS_TIMEOUT", "deadline"},
	{"a million pbkdf2 callbacks at the cap", `() => { const c = require("crypto"); for (let i = 0; i < 1e6; i++) c.pbkdf2("p", "s", 2 ** 21, 64, "sha512", () => {}); return {} }`, 504, "TARSUS_TIMEOUT", "deadline"},
	{"subtle.digest of 16 MiB in a loop", `async () => { const b = new Uint8Array(2 ** 24); for (;;) await crypto.subtle.digest("SHA-256", b) }`, 504, "TARSUS_TIMEOUT", "deadline"},
	{"a million subtle.digest calls of 16 MiB at once", `async () => { const b = new Uint8Array(2 ** 24); const all = []; for (let i = 0; i < 1e6; i++) all.push(crypto.subtle.digest("SHA-256", b)); await Promise.all(all); return {} }`, 504, "TARSUS_TIMEOUT", "deadline"},
}

// TestTenantCryptoAttacks runs each crypto attack through the real server.
func TestTenantCryptoAttacks(t *testing.T) {
	freeHeap(t)
	s := start(t, testserver.Options{Timeout: allocDeadline})
	tok := s.createUser("mallory")
	for i, a := range cryptoAttacks {
		t.Run(a.name, func(t *testing.T) {
			runAttack(t, s, tok, fmt.Sprintf("c%d", i), a, allocDeadline)
		})
	}
}
