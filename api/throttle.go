package api

import (
	"net"
	"runtime"
	"strings"
	"sync"
	"time"
)

// LoginLimits throttle password checks (POST /api/v1/login, POST
// /api/v1/session, PUT /api/v1/me/password) per user name and per client
// address. Every attempt counts as a failure when it starts (so parallel
// guesses count too); a success takes its attempt back and clears the
// name's failures. Once a key has Failures failures, each further one locks
// it for BaseDelay, doubled per failure up to MaxDelay: with the defaults,
// 5 failures of a name lock it 1 s, the next 2 s, 4 s, … and 15 min from
// the 15th on. Attempts while locked are answered 429 TARSUS_TOO_MANY_LOGINS
// with Retry-After and are not checked (no bcrypt), nor counted.
type LoginLimits struct {
	// NameFailures is how many failures a user name may have before each
	// further failure locks it. Optional. Default: 5.
	NameFailures int
	// AddrFailures is the same per client address (IPv4, or the /64 of an
	// IPv6 address); higher than NameFailures, so one mistyped account does
	// not lock others behind the same address. Optional. Default: 20.
	AddrFailures int
	// BaseDelay is the first lockout. Optional. Default: 1s.
	BaseDelay time.Duration
	// MaxDelay is the longest lockout. Optional. Default: 15m.
	MaxDelay time.Duration
	// Forget drops a key with no failure for this long (and not locked).
	// Optional. Default: 1h.
	Forget time.Duration
	// MaxEntries bounds the names and the addresses remembered (each): when
	// full, forgettable keys go first, then the one whose last failure is
	// oldest. Optional. Default: 10000 (about 1 MiB each).
	MaxEntries int
	// AddrHeader names the request header holding the client's address,
	// for a server behind a reverse proxy (else every client shares the
	// proxy's address). For X-Forwarded-For the last entry is used: the one
	// the proxy appended. Set it only when every request comes through that
	// proxy: otherwise a client writes the header itself.
	// Optional. Default: none, the connection's address.
	AddrHeader string
	// MaxChecks bounds the password checks (bcrypt, tens of milliseconds of
	// CPU each) running at once, so that logins from many addresses cannot
	// take the CPU from functions. Optional. Default: a quarter of the
	// CPUs, at least 1.
	MaxChecks int
	// CheckWait is how long an attempt waits for a check slot before it is
	// answered 503 TARSUS_BUSY. Optional. Default: 3s.
	CheckWait time.Duration
}

func (l *LoginLimits) fill() {
	if l.NameFailures <= 0 {
		l.NameFailures = 5
	}
	if l.AddrFailures <= 0 {
		l.AddrFailures = 20
	}
	if l.BaseDelay <= 0 {
		l.BaseDelay = time.Second
	}
	if l.MaxDelay <= 0 {
		l.MaxDelay = 15 * time.Minute
	}
	if l.MaxDelay < l.BaseDelay {
		l.MaxDelay = l.BaseDelay
	}
	if l.Forget <= 0 {
		l.Forget = time.Hour
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = 10000
	}
	if l.MaxChecks <= 0 {
		l.MaxChecks = max(1, runtime.NumCPU()/4)
	}
	if l.CheckWait <= 0 {
		l.CheckWait = 3 * time.Second
	}
}

// maxNameKey bounds the bytes of a name kept as a key (valid names are
// shorter; a megabyte of "name" must not become a megabyte of memory).
const maxNameKey = 64

type throttleEntry struct {
	fails  int
	last   time.Time
	locked time.Time // locked until
}

// throttle is one table of keys (names or addresses).
type throttle struct {
	limit int
	cfg   *LoginLimits
	m     map[string]*throttleEntry
}

func newThrottle(limit int, cfg *LoginLimits) *throttle {
	return &throttle{limit: limit, cfg: cfg, m: map[string]*throttleEntry{}}
}

// wait is how long key is locked for (0: not locked).
func (t *throttle) wait(key string, now time.Time) time.Duration {
	if e := t.m[key]; e != nil && now.Before(e.locked) {
		return e.locked.Sub(now)
	}
	return 0
}

// fail counts one failure of key.
func (t *throttle) fail(key string, now time.Time) {
	e := t.m[key]
	if e == nil {
		if len(t.m) >= t.cfg.MaxEntries {
			t.evict(now)
		}
		e = &throttleEntry{}
		t.m[key] = e
	}
	e.fails++
	e.last = now
	if d := t.delay(e.fails); d > 0 {
		e.locked = now.Add(d)
	}
}

// delay is the lockout after failure number fails (0: none).
func (t *throttle) delay(fails int) time.Duration {
	over := fails - t.limit
	if over < 0 {
		return 0
	}
	d := t.cfg.MaxDelay
	if over < 40 {
		if b := t.cfg.BaseDelay << over; b > 0 && b < d {
			d = b
		}
	}
	return d
}

// restamp starts key's lockout again from now: a lockout counts from when
// the failure is known, however long the password check took.
func (t *throttle) restamp(key string, now time.Time) {
	if e := t.m[key]; e != nil {
		if d := t.delay(e.fails); d > 0 && now.Add(d).After(e.locked) {
			e.locked = now.Add(d)
		}
	}
}

// undo takes one failure back (the attempt succeeded).
func (t *throttle) undo(key string) {
	e := t.m[key]
	if e == nil {
		return
	}
	e.fails--
	if e.fails < t.limit {
		e.locked = time.Time{}
	}
	if e.fails <= 0 {
		delete(t.m, key)
	}
}

// evict makes room: forgettable keys first, else the oldest failure.
func (t *throttle) evict(now time.Time) {
	var oldest string
	var oldestAt time.Time
	for k, e := range t.m {
		if now.Sub(e.last) > t.cfg.Forget && !now.Before(e.locked) {
			delete(t.m, k)
			continue
		}
		if oldest == "" || e.last.Before(oldestAt) {
			oldest, oldestAt = k, e.last
		}
	}
	if len(t.m) >= t.cfg.MaxEntries && oldest != "" {
		delete(t.m, oldest)
	}
}

// loginThrottle throttles password checks by name and by address.
type loginThrottle struct {
	mu    sync.Mutex
	cfg   LoginLimits
	names *throttle
	addrs *throttle
	now   func() time.Time
	// checks holds one token per password check running.
	checks chan struct{}
}

func newLoginThrottle(cfg LoginLimits) *loginThrottle {
	cfg.fill()
	lt := &loginThrottle{cfg: cfg, now: time.Now, checks: make(chan struct{}, cfg.MaxChecks)}
	lt.names = newThrottle(cfg.NameFailures, &lt.cfg)
	lt.addrs = newThrottle(cfg.AddrFailures, &lt.cfg)
	return lt
}

// clientAddr is the address a request is throttled by: the connection's,
// or the last entry of the configured header when it parses as an IP.
func clientAddr(remote, header string) string {
	if header == "" {
		return remote
	}
	if i := strings.LastIndexByte(header, ','); i >= 0 {
		header = header[i+1:]
	}
	header = strings.TrimSpace(header)
	if net.ParseIP(header) == nil {
		return remote
	}
	return header
}

// addrKey is the throttled unit of a client address: an IPv4 address, or
// the /64 network of an IPv6 one (a host usually holds a whole /64).
func addrKey(ip string) string {
	p := net.ParseIP(ip)
	if p == nil {
		return ip
	}
	if p4 := p.To4(); p4 != nil {
		return p4.String()
	}
	return p.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

func nameKey(name string) string {
	if len(name) > maxNameKey {
		name = name[:maxNameKey]
	}
	return name
}

// begin starts an attempt. When name or addr is locked it returns how long
// to wait and counts nothing; else it counts the attempt as a failure and
// returns 0, and the caller reports a success with succeeded.
func (lt *loginThrottle) begin(name, addr string) time.Duration {
	nk, ak := nameKey(name), addrKey(addr)
	lt.mu.Lock()
	defer lt.mu.Unlock()
	now := lt.now()
	if w := max(lt.names.wait(nk, now), lt.addrs.wait(ak, now)); w > 0 {
		return w
	}
	lt.names.fail(nk, now)
	lt.addrs.fail(ak, now)
	return 0
}

// succeeded takes the attempt back and clears the name's failures.
func (lt *loginThrottle) succeeded(name, addr string) {
	nk, ak := nameKey(name), addrKey(addr)
	lt.mu.Lock()
	defer lt.mu.Unlock()
	delete(lt.names.m, nk)
	lt.addrs.undo(ak)
}

// failed restarts the lockouts of a failed attempt from now.
func (lt *loginThrottle) failed(name, addr string) {
	nk, ak := nameKey(name), addrKey(addr)
	lt.mu.Lock()
	defer lt.mu.Unlock()
	now := lt.now()
	lt.names.restamp(nk, now)
	lt.addrs.restamp(ak, now)
}

// size reports the keys held (for tests of the bound).
func (lt *loginThrottle) size() (names, addrs int) {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	return len(lt.names.m), len(lt.addrs.m)
}
