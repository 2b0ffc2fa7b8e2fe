package access

import (
	"hash/maphash"
	"math"
	"strconv"
	"sync"
	"time"
)

// LimiterConfig configures a Limiter.
type LimiterConfig struct {
	// MaxBuckets bounds the buckets kept (each client of each limited
	// route or user holds one). Optional. Default: 65536.
	MaxBuckets int
}

const limiterShards = 16

// Limiter keeps token buckets for many scopes (a route's limit, a user's
// server-wide default) and clients, in bounded memory: each of 16 shards
// holds two generations of at most MaxBuckets/32 buckets; when the newer
// fills, the older is dropped whole and the newer takes its place. A
// bucket used again is moved to the newer generation, so buckets in use
// survive; one dropped starts full again when its client returns.
type Limiter struct {
	seed   maphash.Seed
	per    int // buckets per generation per shard
	shards [limiterShards]shard
}

type shard struct {
	mu       sync.Mutex
	cur, old map[uint64]bucket
}

type bucket struct {
	tokens float64
	last   int64 // unix nanoseconds of the last refill
}

// NewLimiter makes a Limiter.
func NewLimiter(cfg LimiterConfig) *Limiter {
	if cfg.MaxBuckets <= 0 {
		cfg.MaxBuckets = 65536
	}
	l := &Limiter{seed: maphash.MakeSeed(), per: max(cfg.MaxBuckets/(2*limiterShards), 1)}
	for i := range l.shards {
		l.shards[i].cur = map[uint64]bucket{}
	}
	return l
}

// Decision is the answer of Take, with the numbers of @fastify/rate-limit's
// headers.
type Decision struct {
	Allowed   bool
	Limit     int // the bucket's size (x-ratelimit-limit)
	Remaining int // whole tokens left (x-ratelimit-remaining)
	Reset     int // seconds until the bucket is full again (x-ratelimit-reset)
	// RetryAfter is the seconds until one call is allowed again (Retry-After
	// on a refusal).
	RetryAfter int
}

// Take takes one token from the bucket of (scope, key): max calls per
// window, refilled continuously, holding at most burst.
func (l *Limiter) Take(scope, key string, max int, window time.Duration, burst int, now time.Time) Decision {
	// Buckets are keyed by a seeded 64-bit hash of (scope, key): a fixed
	// size whatever the client sends (a header value may be 16 KiB), and
	// no allocation. The seed is random per process, so a client cannot
	// aim at a collision; by chance, two of 65,536 clients share one with
	// a probability of about 1 in 10^10.
	var h maphash.Hash
	h.SetSeed(l.seed)
	h.WriteString(scope)
	h.WriteByte(0)
	h.WriteString(key)
	k := h.Sum64()
	s := &l.shards[k%limiterShards]
	rate := float64(max) / float64(window) // tokens per nanosecond
	capf := float64(burst)
	t := now.UnixNano()
	s.mu.Lock()
	b, ok := s.cur[k]
	if !ok {
		if b, ok = s.old[k]; ok {
			delete(s.old, k)
		} else {
			b = bucket{tokens: capf, last: t}
		}
		if len(s.cur) >= l.per {
			s.old, s.cur = s.cur, make(map[uint64]bucket, l.per/4)
		}
	}
	if el := t - b.last; el > 0 {
		b.tokens = math.Min(capf, b.tokens+float64(el)*rate)
		b.last = t
	}
	d := Decision{Limit: burst}
	if b.tokens >= 1 {
		b.tokens--
		d.Allowed = true
	} else {
		d.RetryAfter = ceilSeconds((1 - b.tokens) / rate)
	}
	s.cur[k] = b
	s.mu.Unlock()
	d.Remaining = int(b.tokens)
	d.Reset = ceilSeconds((capf - b.tokens) / rate)
	return d
}

// Len is the number of buckets kept.
func (l *Limiter) Len() int {
	n := 0
	for i := range l.shards {
		s := &l.shards[i]
		s.mu.Lock()
		n += len(s.cur) + len(s.old)
		s.mu.Unlock()
	}
	return n
}

func ceilSeconds(ns float64) int {
	s := math.Ceil(ns / 1e9)
	if s < 0 {
		return 0
	}
	if s > 1e9 {
		return 1e9
	}
	return int(s)
}

// RetryText is @fastify/rate-limit's wording of a wait in its 429 message
// ("1 second", "2 minutes"; @lukeed/ms's long format).
func RetryText(seconds int) string {
	ms := float64(seconds) * 1000
	unit := func(v float64, name string) string {
		n := int(v + 0.5)
		if v == float64(int(v)) {
			n = int(v)
		}
		s := itoa(n) + " " + name
		if n != 1 {
			s += "s"
		}
		return s
	}
	switch {
	case ms < 1000:
		return itoa(int(ms)) + " ms"
	case ms < 60e3:
		return unit(ms/1e3, "second")
	case ms < 3600e3:
		return unit(ms/60e3, "minute")
	case ms < 86400e3:
		return unit(ms/3600e3, "hour")
	case ms < 365.25*86400e3:
		return unit(ms/86400e3, "day")
	}
	return unit(ms/(365.25*86400e3), "year")
}

func itoa(n int) string { return strconv.Itoa(n) }
