package access

import (
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestLimiterBurstAndRefill: a bucket of 5 a second serves a burst of 5,
// refuses the sixth with the wait until the next token, and refills.
func TestLimiterBurstAndRefill(t *testing.T) {
	l := NewLimiter(LimiterConfig{})
	now := time.Unix(1000, 0)
	for i := range 5 {
		d := l.Take("alice/f", "1.2.3.4", 5, time.Second, 5, now)
		if !d.Allowed || d.Remaining != 4-i || d.Limit != 5 || d.Reset != 1 {
			t.Fatalf("call %d: %+v", i+1, d)
		}
	}
	d := l.Take("alice/f", "1.2.3.4", 5, time.Second, 5, now)
	if d.Allowed || d.RetryAfter != 1 || d.Remaining != 0 {
		t.Fatalf("sixth call: %+v", d)
	}
	if d := l.Take("alice/f", "5.6.7.8", 5, time.Second, 5, now); !d.Allowed {
		t.Fatalf("another client shares the bucket: %+v", d)
	}
	if d := l.Take("alice/g", "1.2.3.4", 5, time.Second, 5, now); !d.Allowed {
		t.Fatalf("another route shares the bucket: %+v", d)
	}
	if d := l.Take("alice/f", "1.2.3.4", 5, time.Second, 5, now.Add(200*time.Millisecond)); !d.Allowed || d.Remaining != 0 {
		t.Fatalf("after 200 ms one token is back: %+v", d)
	}
	if d := l.Take("alice/f", "1.2.3.4", 5, time.Second, 5, now.Add(time.Hour)); !d.Allowed || d.Remaining != 4 {
		t.Fatalf("a bucket never holds more than its size: %+v", d)
	}
}

// TestLimiterBoundedMemory: 100,000 distinct client addresses keep at most
// MaxBuckets buckets, and the heap grows by less than 16 MiB (measured:
// about 2 MiB on amd64 with the default 65,536).
func TestLimiterBoundedMemory(t *testing.T) {
	l := NewLimiter(LimiterConfig{})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	now := time.Now()
	for i := range 100_000 {
		ip := "10." + strconv.Itoa(i>>16) + "." + strconv.Itoa(i>>8&255) + "." + strconv.Itoa(i&255)
		l.Take("alice/orders/create", ip, 100, time.Second, 100, now)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if n := l.Len(); n > 65536 {
		t.Errorf("%d buckets kept; the bound is 65536", n)
	}
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("100,000 addresses: %d buckets, heap +%.1f MiB", l.Len(), float64(grew)/(1<<20))
	if grew > 16<<20 {
		t.Errorf("the heap grew by %d bytes for 100,000 addresses; the bound is 16 MiB", grew)
	}
	runtime.KeepAlive(l)
}

// TestRetryText: @fastify/rate-limit's wording (@lukeed/ms, long format).
func TestRetryText(t *testing.T) {
	for s, want := range map[int]string{0: "0 ms", 1: "1 second", 2: "2 seconds", 59: "59 seconds", 60: "1 minute", 90: "2 minutes", 3600: "1 hour", 86400: "1 day"} {
		if got := RetryText(s); got != want {
			t.Errorf("RetryText(%d) = %q, want %q", s, got, want)
		}
	}
}

// TestLimiterLongKeys: a client key as long as a header may be (16 KiB)
// costs a bucket its fixed size: the key itself is not kept.
func TestLimiterLongKeys(t *testing.T) {
	l := NewLimiter(LimiterConfig{})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	long := make([]byte, 16<<10)
	for i := range 2000 {
		copy(long, strconv.Itoa(i))
		l.Take("alice/f", string(long), 10, time.Second, 10, time.Now())
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 1<<20 {
		t.Errorf("2,000 keys of 16 KiB grew the heap by %d bytes; buckets must not keep their keys", grew)
	}
	if n := l.Len(); n != 2000 {
		t.Errorf("%d buckets for 2,000 distinct keys", n)
	}
	runtime.KeepAlive(l)
}
