package egress

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		ip      string
		refused bool
	}{
		{"127.0.0.1", true}, {"127.8.9.10", true}, {"::1", true},
		{"10.1.2.3", true}, {"172.16.0.1", true}, {"172.31.255.255", true}, {"192.168.1.1", true},
		{"169.254.169.254", true}, {"fe80::1", true}, {"fd00::1", true}, {"fc00::1", true},
		{"100.64.0.1", true}, {"100.127.255.255", true}, {"0.0.0.0", true}, {"::", true},
		{"224.0.0.1", true}, {"ff02::1", true}, {"255.255.255.255", true},
		{"::ffff:127.0.0.1", true}, {"::ffff:169.254.169.254", true}, {"64:ff9b::7f00:1", true},
		{"2002:a9fe:a9fe::1", true},
		{"8.8.8.8", false}, {"1.1.1.1", false}, {"172.32.0.1", false}, {"100.128.0.1", false},
		{"2606:4700:4700::1111", false}, {"::ffff:8.8.8.8", false}, {"64:ff9b::808:808", false},
	} {
		got := Classify(netip.MustParseAddr(tc.ip))
		if (got != "") != tc.refused {
			t.Errorf("Classify(%s) = %q, want refused=%v", tc.ip, got, tc.refused)
		}
	}
}

func TestParseAllow(t *testing.T) {
	got, err := ParseAllow(" 127.0.0.1, 10.0.0.0/8 ,api.internal,*.corp.example,")
	if err != nil || len(got) != 4 {
		t.Fatalf("ParseAllow = %v, %v", got, err)
	}
	for _, bad := range []string{"10.0.0.0/99", "http://x", "a b", "*."} {
		if _, err := ParseAllow(bad); err == nil {
			t.Errorf("ParseAllow(%q) accepted", bad)
		}
	}
}

func get(t *testing.T, c *Client, url string) ([]byte, error) {
	t.Helper()
	resp, err := c.Do(context.Background(), "GET", url, nil, nil, 0)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return ""
}

func TestGuardAndCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/big" {
			w.Write([]byte(strings.Repeat("x", 2000)))
			return
		}
		if r.Header.Get("Cookie") != "" {
			t.Errorf("a cookie was sent")
		}
		w.Write([]byte(strings.Repeat("y", 1000)))
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]

	deny, _ := New(Config{})
	if _, err := get(t, deny, srv.URL); code(err) != "TARSUS_EGRESS_DENIED" || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("loopback without allow: %v", err)
	}
	if _, err := get(t, deny, "http://localhost"+port); code(err) != "TARSUS_EGRESS_DENIED" {
		t.Fatalf("localhost without allow: %v", err)
	}
	if _, err := get(t, deny, "ftp://example.com/"); code(err) != "TARSUS_EGRESS_DENIED" {
		t.Fatalf("ftp: %v", err)
	}

	for _, allow := range [][]string{{"127.0.0.1"}, {"127.0.0.0/8"}, {"localhost"}} {
		c, err := New(Config{Allow: allow, MaxBytes: 1000})
		if err != nil {
			t.Fatal(err)
		}
		u := srv.URL
		if allow[0] == "localhost" {
			u = "http://localhost" + port
		}
		b, err := get(t, c, u)
		if err != nil || len(b) != 1000 {
			t.Fatalf("allow %v: %d bytes, %v", allow, len(b), err)
		}
		if _, err := get(t, c, u+"/big"); code(err) != "TARSUS_FETCH_TOO_LARGE" {
			t.Fatalf("allow %v, past the cap: %v", allow, err)
		}
	}
	// An allowed name does not allow other names to the same address.
	c, _ := New(Config{Allow: []string{"localhost"}})
	if _, err := get(t, c, srv.URL); code(err) != "TARSUS_EGRESS_DENIED" {
		t.Fatalf("127.0.0.1 with only localhost allowed: %v", err)
	}
}

func TestOwnAddresses(t *testing.T) {
	c, _ := New(Config{})
	// Every address of this machine is refused, whatever its class.
	c.isOwn(netip.MustParseAddr("127.0.0.1")) // reads them
	c.mu.Lock()
	n := len(c.own)
	c.own[netip.MustParseAddr("203.0.113.7")] = true // as if a public interface address
	c.mu.Unlock()
	if n == 0 {
		t.Fatal("no interface addresses read")
	}
	err := c.Check("example.test", netip.MustParseAddr("203.0.113.7"))
	if code(err) != "TARSUS_EGRESS_DENIED" || !strings.Contains(err.Error(), "an address of this server") {
		t.Fatalf("own address: %v", err)
	}
	if err := c.Check("example.test", netip.MustParseAddr("203.0.113.8")); err != nil {
		t.Fatalf("public address: %v", err)
	}
	// An allowed CIDR lets an own address through.
	c2, _ := New(Config{Allow: []string{"203.0.113.0/24"}})
	if err := c2.Check("", netip.MustParseAddr("203.0.113.7")); err != nil {
		t.Fatalf("allowed: %v", err)
	}
}
