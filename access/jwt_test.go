package access

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// signWithNode signs each [header, claims, key] as HS256 with Node's
// crypto (the reference signer), in one node run, returning the compact
// tokens.
func signWithNode(t *testing.T, in ...[3]string) []string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node (20+) is needed to sign the reference tokens")
	}
	script := `const c = require("crypto");
const b = (s) => Buffer.from(s).toString("base64url");
const out = JSON.parse(process.argv[1]).map(([h, p, k]) => {
  const data = b(h) + "." + b(p);
  return data + "." + c.createHmac("sha256", k).update(data).digest("base64url");
});
process.stdout.write(JSON.stringify(out));`
	arg, _ := json.Marshal(in)
	out, err := exec.Command(node, "-e", script, string(arg)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var toks []string
	if err := json.Unmarshal(out, &toks); err != nil || len(toks) != len(in) {
		t.Fatalf("node answered %s", out)
	}
	return toks
}

func TestVerifyHS256(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	const key = "s3cret-key-for-tests"
	const hs = `{"alg":"HS256","typ":"JWT"}`
	toks := signWithNode(t,
		[3]string{hs, `{"sub":"u1","role":"admin","exp":1800000060,"nbf":1799999990}`, key},
		[3]string{hs, `{"sub":"u1","role":"root","exp":1800000060}`, "x"},
		[3]string{hs, `{"sub":"u1"}`, "other"},
		[3]string{hs, `{"exp":1800000000}`, key},
		[3]string{hs, `{"nbf":1800000001}`, key},
		[3]string{`{"alg":"none"}`, `{"sub":"u1"}`, key},
		[3]string{`{"alg":"HS512"}`, `{"sub":"u1"}`, key},
		[3]string{hs, `{"exp":"tomorrow"}`, key},
		[3]string{hs, `[1]`, key},
	)
	good := toks[0]
	claims, err := VerifyHS256(good, []byte(key), now)
	if err != nil {
		t.Fatalf("a good token: %v", err)
	}
	var m map[string]any
	if json.Unmarshal(claims, &m) != nil || m["sub"] != "u1" || m["role"] != "admin" {
		t.Fatalf("claims: %s", claims)
	}
	parts := strings.Split(good, ".")
	// The payload of another token under the good token's signature.
	tampered := parts[0] + "." + strings.Split(toks[1], ".")[1] + "." + parts[2]
	for name, c := range map[string]struct {
		tok  string
		want string
	}{
		"tampered payload": {tampered, "signature does not match"},
		"wrong key":        {toks[2], "signature does not match"},
		"expired":          {toks[3], "expired"},
		"not yet":          {toks[4], "not valid before"},
		"alg none":         {toks[5], "HS256 only"},
		"alg HS512":        {toks[6], "HS256 only"},
		"exp not a number": {toks[7], "exp claim"},
		"payload an array": {toks[8], "not a JSON object"},
		"two parts":        {parts[0] + "." + parts[1], "not a JSON Web Token"},
		"four parts":       {good + ".x", "not a JSON Web Token"},
		"huge":             {strings.Repeat("a", MaxTokenBytes+1), "longer than"},
	} {
		if _, err := VerifyHS256(c.tok, []byte(key), now); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", name, err, c.want)
		}
	}
}

func TestParseSchedule(t *testing.T) {
	at := time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)
	for spec, want := range map[string]time.Time{
		"*/5 * * * *":    at.Add(5 * time.Minute),
		"30 * * * * *":   at.Add(30 * time.Second),
		"@every 30s":     at.Add(30 * time.Second),
		"@hourly":        at.Add(time.Hour),
		"0 0 * * *":      time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC),
		"* * * * * *":    at.Add(time.Second),
		" 15 10 * * MON": time.Date(2026, 12, 14, 10, 15, 0, 0, time.UTC),
	} {
		s, err := ParseSchedule(spec)
		if err != nil {
			t.Errorf("%q: %v", spec, err)
			continue
		}
		if got := s.Next(at); !got.Equal(want) {
			t.Errorf("%q: next %v, want %v", spec, got, want)
		}
	}
	for _, spec := range []string{"", "@every 0s", "@every 500ms", "@every 1.5s", "* * * *", "61 * * * *", "TZ=UTC * * * * *", "@sometimes"} {
		if _, err := ParseSchedule(spec); err == nil {
			t.Errorf("%q was accepted", spec)
		}
	}
}
