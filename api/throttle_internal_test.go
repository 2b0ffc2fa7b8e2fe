package api

import (
	"strconv"
	"testing"
	"time"
)

// TestThrottleBackoffAndBound drives the throttle on a clock of its own:
// the lockout doubles up to the maximum, a success clears the name, and
// however many names or addresses an attacker cycles through, the tables
// stay within MaxEntries.
func TestThrottleBackoffAndBound(t *testing.T) {
	lt := newLoginThrottle(LoginLimits{MaxEntries: 100})
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	lt.now = func() time.Time { return clock }

	var waits []time.Duration
	for range 20 {
		if w := lt.begin("alice", "10.0.0.1"); w > 0 {
			t.Fatalf("locked before its lockout ended: %v", w)
		}
		// The lockout this failure set.
		lt.mu.Lock()
		w := lt.names.wait("alice", clock)
		lt.mu.Unlock()
		waits = append(waits, w)
		clock = clock.Add(w)
	}
	want := []time.Duration{0, 0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	for i, w := range want {
		if waits[i] != w {
			t.Fatalf("wait after failure %d = %v, want %v (all: %v)", i+1, waits[i], w, waits)
		}
	}
	if last := waits[len(waits)-1]; last != 15*time.Minute {
		t.Fatalf("the lockout grows to %v, want 15m at most", last)
	}
	lt.succeeded("alice", "10.0.0.1")
	if w := lt.begin("alice", "10.0.0.1"); w != 0 {
		t.Fatalf("a success did not clear the name: %v", w)
	}

	// A lockout counts from when the failure is known: a check that took
	// 3 s still leaves the whole lockout.
	lt2 := newLoginThrottle(LoginLimits{NameFailures: 1})
	c2 := clock
	lt2.now = func() time.Time { return c2 }
	lt2.begin("bob", "10.1.1.1")
	c2 = c2.Add(3 * time.Second)
	lt2.failed("bob", "10.1.1.1")
	if w := lt2.begin("bob", "10.1.1.1"); w != time.Second {
		t.Fatalf("after a slow failed check the wait is %v, want 1s", w)
	}

	// IPv6 addresses of one /64 are one key.
	for i := range 20 {
		lt.begin("n"+strconv.Itoa(i), "2001:db8::"+strconv.Itoa(i+1))
	}
	if w := lt.begin("someone", "2001:db8::ffff"); w == 0 {
		t.Fatal("20 failures from one IPv6 /64 did not lock it")
	}

	// Cycling 100,000 names and addresses: the tables stay bounded.
	for i := range 100_000 {
		clock = clock.Add(time.Millisecond)
		lt.begin("name"+strconv.Itoa(i), "192.0."+strconv.Itoa(i/256%256)+"."+strconv.Itoa(i%256))
	}
	if n, a := lt.size(); n > 100 || a > 100 {
		t.Fatalf("throttle holds %d names and %d addresses, want at most 100 each", n, a)
	}
	// A name of a megabyte is kept as its first 64 bytes.
	big := string(make([]byte, 1<<20))
	lt.begin(big, "10.9.9.9")
	lt.mu.Lock()
	_, ok := lt.names.m[big[:maxNameKey]]
	lt.mu.Unlock()
	if !ok {
		t.Fatal("a long name is not kept by its prefix")
	}
}

func TestClientAddr(t *testing.T) {
	for _, c := range []struct{ remote, header, want string }{
		{"10.0.0.1", "", "10.0.0.1"},
		{"10.0.0.1", "203.0.113.9", "203.0.113.9"},
		{"10.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"}, // the proxy's entry, not the client's claim
		{"10.0.0.1", "203.0.113.9, not-an-ip", "10.0.0.1"},
		{"10.0.0.1", " 2001:db8::1 ", "2001:db8::1"},
	} {
		if got := clientAddr(c.remote, c.header); got != c.want {
			t.Errorf("clientAddr(%q, %q) = %q, want %q", c.remote, c.header, got, c.want)
		}
	}
}
