package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
)

// Config configures an Engine. The zero value is usable: defaults are filled
// in by New.
type Config struct {
	// Timeout bounds one invocation, from the moment it has a runtime.
	// Optional. Default: 10s. A function's opts.config.timeout (ms) may lower it.
	Timeout time.Duration
	// IdleTimeout drops a runtime (and, once a user has none, the user's
	// compiled routes) after this long without a request.
	// Optional. Default: 5m.
	IdleTimeout time.Duration
	// RoutesTTL drops a user's compiled routes after this long without a
	// request (runtimes go after IdleTimeout; compiled routes are cheap to
	// keep and costly to rebuild). Optional. Default: max(30 × IdleTimeout, 10m).
	RoutesTTL time.Duration
	// MaxRuntimes is the number of runtimes a user may have at once.
	// Optional. Default: 4.
	MaxRuntimes int
	// MaxQueue is how many requests of one user may wait for a runtime.
	// Optional. Default: 64 × MaxRuntimes.
	MaxQueue int
	// QueueTimeout bounds the wait for a runtime. Optional. Default: Timeout.
	QueueTimeout time.Duration
	// MaxCallStack bounds JS recursion. Optional. Default: 2000 frames.
	MaxCallStack int
	// RegexpTimeout bounds one backtracking regular-expression match.
	// Optional. Default: 1s.
	RegexpTimeout time.Duration
	// DefaultBodyLimit is Fastify's bodyLimit default. Optional. Default: 1 MiB.
	DefaultBodyLimit int
	// MaxLogLine caps one console line, in bytes. Optional. Default: 8 KiB.
	MaxLogLine int
	// MaxLogBytes caps the console output of one invocation. Optional. Default: 64 KiB.
	MaxLogBytes int
	// MaxStringLen caps the strings that repeat, padStart, padEnd, concat,
	// replace, replaceAll, normalize and JSON.stringify may build in one
	// call, and the strings host functions (atob, btoa, TextDecoder, the
	// console) accept. Optional. Default: 32 Mi characters.
	MaxStringLen int
	// MaxArrayLength caps the array-likes that native built-ins walk in one
	// call without an interrupt check (Function.prototype.apply,
	// Reflect.apply/construct, Array.from, TypedArray.from, split's result)
	// and the number of values a handler's result may convert to.
	// Optional. Default: 4 Mi (4,194,304) elements.
	MaxArrayLength int
	// MaxKeyedElements caps the typed arrays and strings that a native
	// built-in turns into one property, key or descriptor per element in
	// one uninterruptible call (Object.keys, values, entries,
	// getOwnPropertyNames, getOwnPropertyDescriptors and assign,
	// Reflect.ownKeys): each element costs that call about 0.1 µs (a key)
	// to 5 µs (a descriptor), so 4 Mi elements ran 0.5–22 s past a 100 ms
	// deadline. Optional. Default: 64 Ki elements.
	MaxKeyedElements int
	// MaxCodegenSource caps the source, in UTF-16 units, that eval and the
	// function constructors compile at run time: goja parses and compiles
	// it in one call no interrupt reaches (a 1 Mi-character source
	// compiles in a few hundred ms). Applies with Lower, which installs
	// those checked versions. Optional. Default: 1 Mi characters.
	MaxCodegenSource int
	// MaxOperatorChain caps a chain of directly nested operators
	// (a+a+…+a) in a bundle or in code compiled at run time: goja compiles
	// one in time that grows with the square of its length (see
	// compilecheck.go). Optional. Default: 1,000.
	MaxOperatorChain int
	// Lower rewrites source compiled at run time (by eval, new Function
	// and the AsyncFunction and GeneratorFunction constructors) before goja
	// compiles it: object spread and rest, which goja runs as one native
	// loop no deadline reaches, become plain loops (bundler.Lower; the
	// engine cannot import esbuild). It is called only for source with
	// "..." in it; its error is thrown as a SyntaxError. With it set, eval
	// is always indirect (see codegen.go).
	// Optional. Default: nil, such source is compiled as given (a deadline
	// cannot stop its object spread of a huge typed array or string).
	Lower func(src string) (string, error)
	// MaxTypedArrayBytes caps one typed array, ArrayBuffer or Buffer.
	// Optional. Default: 32 MiB.
	MaxTypedArrayBytes int64
	// MaxRegexpSubject caps the string a regular-expression operation that
	// visits every match in one call may scan: replace and match with a
	// global (g or y) pattern, split and matchAll.
	// Optional. Default: 1 Mi (1,048,576) characters.
	MaxRegexpSubject int
	// MaxResponseHeaderBytes caps the headers a function's response sets,
	// names and values together; more is a 500 TARSUS_RESPONSE_TOO_LARGE.
	// Optional. Default: 64 KiB.
	MaxResponseHeaderBytes int
	// MaxResponseBytes caps the body of a function's response; a larger one
	// is answered with a 500 TARSUS_RESPONSE_TOO_LARGE error instead.
	// Optional. Default: 16 MiB.
	MaxResponseBytes int
	// SpareRuntimes is how many blank runtimes (host APIs and lifecycle
	// installed, no user code ever run) are kept ready, so that a cold start
	// only has to load the user's function. Optional. Default: 4. Negative
	// disables them.
	SpareRuntimes int
	// NiceAfter is how long an invocation may keep its thread at normal
	// priority; after that the thread runs at the lowest priority until the
	// invocation ends, so a spinning function cannot crowd out other users
	// (Linux, where the process may restore priorities). Optional. Default:
	// 5ms. Negative disables it.
	NiceAfter time.Duration
	// MemoryLimit is the Go heap size (live objects and garbage not yet
	// swept) above which the memory watchdog acts (watchdog.go). goja
	// cannot bound one runtime's memory, so the watchdog credits the heap's
	// growth to the runtimes that were running while it grew (by their
	// threads' page faults or CPU time where invocations run on locked
	// threads, by running time otherwise), and once a collection shows the
	// heap held above the limit it stops the one that grew most (its
	// invocation fails with ErrMemory, its deploy with TARSUS_MEMORY; its
	// runtime is dropped), or, with no running runtime to blame, drops the
	// idle runtimes estimated to hold the most. After each step it waits for
	// a collection (forced at most every 250 ms) and widens only if the heap
	// is still above. Optional. Default: 2 GiB. Negative disables the
	// watchdog.
	MemoryLimit int64
	// SoftMemoryLimit is the Go runtime's soft memory limit
	// (debug.SetMemoryLimit, counting all memory the Go runtime holds) that
	// New sets. It sits above MemoryLimit: the watchdog acts first, on the
	// heap, and stops the runtime that grew; the soft limit is the Go
	// runtime's own backstop for growth the watchdog cannot stop (a native
	// call still allocating, memory held outside runtimes), making the
	// collector work harder before the process meets a container's hard
	// limit (set that above SoftMemoryLimit). Below MemoryLimit it would keep
	// the heap from ever reaching the watchdog's limit while the collector
	// ran without pause. New only ever lowers the process's limit (a lower
	// GOMEMLIMIT wins) and Close restores the one it found. Optional.
	// Default: MemoryLimit + MemoryLimit/4 when the watchdog is on.
	// Negative leaves the Go runtime's limit alone.
	SoftMemoryLimit int64
	// MaxPBKDF2Work caps one PBKDF2 derivation (crypto.pbkdf2,
	// pbkdf2Sync, crypto.subtle's PBKDF2): iterations × output blocks
	// (the key length over the digest's size, rounded up). 1 Mi
	// iterations of SHA-256 took 0.21 s on a 2-core machine, of SHA-512
	// 0.44 s. Optional. Default: 2 Mi (2,097,152).
	MaxPBKDF2Work int64
	// MaxScryptWork caps one scrypt derivation: N × r × p (its memory,
	// 128 × N × r bytes, is capped by the call's maxmem and by
	// MaxTypedArrayBytes). N = 2^15, r = 8, p = 1 (2^18) took 0.15 s.
	// Optional. Default: 2^20.
	MaxScryptWork int64
	// MaxRSAKeyBits caps the RSA keys functions generate and import:
	// generating one takes time that varies widely with its size (4096
	// bits: 0.09 to 1.5 s measured), and using one grows with the cube of
	// its size. Optional. Default: 4096.
	MaxRSAKeyBits int
	// Sink receives console output; nil discards it.
	Sink Sink
	// FetchTimeout bounds one fetch request, its body included; it never
	// runs past the invocation's deadline. Optional. Default: 30s.
	FetchTimeout time.Duration
	// MaxFetches is how many requests (redirect hops included) one
	// invocation may make; the next fails with TARSUS_FETCH_LIMIT.
	// Optional. Default: 50 (Cloudflare Workers' number).
	MaxFetches int
	// MaxFetchConns is how many fetch connections one invocation may have
	// open at once; more requests wait for one to close.
	// Optional. Default: 6 (Cloudflare Workers' number).
	MaxFetchConns int
	// Host serves the environment, KV and fetch to functions (host.go).
	// Optional: without it process.env is empty and KV and fetch fail.
	Host Host
	// Logger receives the engine's own diagnostics. Optional. Default: discard.
	Logger *slog.Logger
}

func (c *Config) fill() {
	if c.MaxPBKDF2Work <= 0 {
		c.MaxPBKDF2Work = 2 << 20
	}
	if c.MaxScryptWork <= 0 {
		c.MaxScryptWork = 1 << 20
	}
	if c.MaxRSAKeyBits <= 0 {
		c.MaxRSAKeyBits = 4096
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 5 * time.Minute
	}
	if c.MaxRuntimes <= 0 {
		c.MaxRuntimes = 4
	}
	if c.RoutesTTL <= 0 {
		c.RoutesTTL = 30 * c.IdleTimeout
		if c.RoutesTTL < 10*time.Minute {
			c.RoutesTTL = 10 * time.Minute
		}
	}
	if c.MaxQueue <= 0 {
		c.MaxQueue = 64 * c.MaxRuntimes
	}
	if c.QueueTimeout <= 0 {
		c.QueueTimeout = c.Timeout
	}
	if c.MaxCallStack <= 0 {
		c.MaxCallStack = 2000
	}
	if c.RegexpTimeout <= 0 {
		c.RegexpTimeout = time.Second
	}
	if c.DefaultBodyLimit <= 0 {
		c.DefaultBodyLimit = 1 << 20
	}
	if c.MaxLogLine <= 0 {
		c.MaxLogLine = 8 << 10
	}
	if c.MaxLogBytes <= 0 {
		c.MaxLogBytes = 64 << 10
	}
	if c.MaxStringLen <= 0 {
		c.MaxStringLen = 32 << 20
	}
	if c.MaxArrayLength <= 0 {
		c.MaxArrayLength = 4 << 20
	}
	if c.MaxKeyedElements <= 0 {
		c.MaxKeyedElements = 64 << 10
	}
	if c.MaxCodegenSource <= 0 {
		c.MaxCodegenSource = 1 << 20
	}
	if c.MaxOperatorChain <= 0 {
		c.MaxOperatorChain = 1000
	}
	if c.MaxTypedArrayBytes <= 0 {
		c.MaxTypedArrayBytes = 32 << 20
	}
	if c.MaxRegexpSubject <= 0 {
		c.MaxRegexpSubject = 1 << 20
	}
	if c.MaxResponseHeaderBytes <= 0 {
		c.MaxResponseHeaderBytes = 64 << 10
	}
	if c.MaxResponseBytes <= 0 {
		c.MaxResponseBytes = 16 << 20
	}
	if c.FetchTimeout <= 0 {
		c.FetchTimeout = 30 * time.Second
	}
	if c.MaxFetches <= 0 {
		c.MaxFetches = 50
	}
	if c.MaxFetchConns <= 0 {
		c.MaxFetchConns = 6
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.NiceAfter == 0 {
		c.NiceAfter = 5 * time.Millisecond
	}
	if c.SpareRuntimes == 0 {
		c.SpareRuntimes = 4
	}
	if c.MemoryLimit == 0 {
		c.MemoryLimit = 2 << 30
	}
	if c.SoftMemoryLimit == 0 && c.MemoryLimit > 0 {
		c.SoftMemoryLimit = c.MemoryLimit + c.MemoryLimit/4
	}
}

// Sink receives what functions print. It is called from request goroutines
// and must be safe for concurrent use.
type Sink interface {
	Console(user string, line ConsoleLine)
}

// ConsoleLine is one line of console output or request.log.
type ConsoleLine struct {
	Time  time.Time
	Fn    string // route, e.g. "orders/create"
	ReqID string
	Level string // log, info, warn, error, debug, trace, fatal
	Text  string
}

// Errors returned by Invoke. They carry no user data.
var (
	ErrTimeout = errors.New("engine: the function did not answer before its deadline")
	ErrBusy    = errors.New("engine: too many requests waiting for this user's runtimes")
	ErrClosed  = errors.New("engine: closed")
	ErrMemory  = errors.New("engine: the server ran short of memory while the function ran; it was stopped")
	// ErrInternal is matched by the error of a compile that panicked in goja
	// or a host function (the runtime was discarded and the panic logged).
	// An invocation that panics returns a *FunctionError instead.
	ErrInternal = errors.New("engine: internal error")
)

// Engine owns all users' runtime pools and route tables.
type Engine struct {
	cfg     Config
	log     *slog.Logger
	prelude *goja.Program
	globals *goja.Program
	// codegenProtos, with Config.Lower: see codegen.go.
	codegenProtos *goja.Program
	lib           *libPrograms // the built-in modules (modules.go)
	intl          intlData     // Intl's locale data and time zones (intl.go)

	mu     sync.Mutex
	users  map[string]*userState
	closed bool

	stop chan struct{}
	done chan struct{}

	busyMu sync.Mutex
	busy   map[*runtime]struct{}
	// inFlight counts invocations from their start, before a runtime is
	// taken (busy only has them once they hold one); quiet is signalled
	// when it drops to zero.
	inFlight int
	quiet    chan struct{}
	// ghost is the running time, since the watchdog's last sample
	// (lastTick), of invocations that have ended: their share of the heap's
	// growth in that interval is nobody's to carry.
	ghost    float64
	lastTick time.Time
	shares   []growthShare // the watchdog's buffer

	spares chan *runtime // blank runtimes, refilled in the background
	renice bool          // threads of long invocations are niced

	softSet  bool  // New set the Go runtime's soft memory limit
	softPrev int64 // the limit it replaced, restored by Close
}

// userState is everything the engine holds for one user.
type userState struct {
	name   string
	routes atomic.Pointer[Routes]
	pool   *pool
	// lastUsed is unix nanoseconds of the last request start.
	lastUsed atomic.Int64
}

// Routes is a user's immutable route table: route → Function.
type Routes struct {
	Version int64
	byRoute map[string]*Function
}

// NewRoutes builds a route table. The map is owned by the table afterwards.
func NewRoutes(version int64, fns map[string]*Function) *Routes {
	if fns == nil {
		fns = map[string]*Function{}
	}
	return &Routes{Version: version, byRoute: fns}
}

// Lookup returns the function serving route.
func (r *Routes) Lookup(route string) (*Function, bool) {
	if r == nil {
		return nil, false
	}
	f, ok := r.byRoute[route]
	return f, ok
}

// Each calls fn for every route.
func (r *Routes) Each(fn func(route string, f *Function)) {
	if r == nil {
		return
	}
	for k, v := range r.byRoute {
		fn(k, v)
	}
}

// Len is the number of routes.
func (r *Routes) Len() int {
	if r == nil {
		return 0
	}
	return len(r.byRoute)
}

// New creates an engine and starts its idle janitor.
func New(cfg Config) (*Engine, error) {
	cfg.fill()
	// regexp2's timeout is a process-wide default inside the library; the
	// engine is the only user of regexp2, so it owns this setting.
	regexp2.DefaultMatchTimeout = cfg.RegexpTimeout
	prog, err := goja.Compile("tarsus:prelude.js", preludeSource, true)
	if err != nil {
		return nil, err
	}
	gprog, err := goja.Compile("tarsus:globals.js", globalsSource, true)
	if err != nil {
		return nil, err
	}
	var cprog *goja.Program
	if cfg.Lower != nil {
		if cprog, err = goja.Compile("tarsus:codegen.js", codegenProtos, true); err != nil {
			return nil, err
		}
	}
	e := &Engine{
		codegenProtos: cprog,
		lib:           &libPrograms{mods: builtinModules()},
		globals:       gprog,
		cfg:           cfg,
		log:           cfg.Logger,
		prelude:       prog,
		users:         map[string]*userState{},
		busy:          map[*runtime]struct{}{},
		quiet:         make(chan struct{}, 1),
		stop:          make(chan struct{}),
		done:          make(chan struct{}),
	}
	e.renice = cfg.NiceAfter > 0 && canRenice()
	go e.janitor()
	if cfg.SpareRuntimes > 0 {
		e.spares = make(chan *runtime, cfg.SpareRuntimes)
		go e.refill()
	}
	if cfg.SoftMemoryLimit > 0 {
		if prev := debug.SetMemoryLimit(-1); cfg.SoftMemoryLimit < prev {
			debug.SetMemoryLimit(cfg.SoftMemoryLimit)
			e.softSet, e.softPrev = true, prev
		}
	}
	if cfg.MemoryLimit > 0 {
		e.startWatchdog()
	}
	return e, nil
}

// Close drops every runtime and stops the janitor.
func (e *Engine) Close() {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return
	}
	e.closed = true
	users := e.users
	e.users = map[string]*userState{}
	e.mu.Unlock()
	close(e.stop)
	<-e.done
	if e.softSet && debug.SetMemoryLimit(-1) == e.cfg.SoftMemoryLimit {
		debug.SetMemoryLimit(e.softPrev)
	}
	for _, u := range users {
		u.pool.drain()
	}
	if e.spares != nil {
		for {
			select {
			case rt := <-e.spares:
				rt.close()
				continue
			default:
			}
			break
		}
	}
}

// refill keeps the spare channel full. Creating a runtime runs only our own
// code, so spares are interchangeable and safe to hand to any user.
func (e *Engine) refill() {
	lowerThreadPriority()
	for {
		rt, err := newRuntime(e, "")
		if err != nil {
			e.log.Error("creating a spare runtime", "err", err)
			return
		}
		select {
		case e.spares <- rt:
		case <-e.stop:
			rt.close()
			return
		}
		// A spare was just taken, by a cold start that is still running on
		// this CPU: make the next one once no invocation runs (or after
		// 10 ms at most), not in the middle of that request.
		e.waitQuiet(10 * time.Millisecond)
	}
}

// waitQuiet waits until no invocation is running, or at most max.
func (e *Engine) waitQuiet(max time.Duration) {
	deadline := time.Now().Add(max)
	for {
		e.busyMu.Lock()
		n := e.inFlight
		e.busyMu.Unlock()
		left := time.Until(deadline)
		if n == 0 || left <= 0 {
			return
		}
		t := time.NewTimer(left)
		select {
		case <-e.quiet:
		case <-t.C:
		case <-e.stop:
		}
		t.Stop()
	}
}

// newUserRuntime takes a spare runtime if one is ready, or creates one.
func (e *Engine) newUserRuntime(user string) (*runtime, error) {
	if e.spares != nil {
		select {
		case rt := <-e.spares:
			rt.user = user
			return rt, nil
		default:
		}
	}
	return newRuntime(e, user)
}

func (e *Engine) user(name string, create bool) *userState {
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.users[name]
	if u == nil && create && !e.closed {
		u = &userState{name: name, pool: newPool(e, name)}
		u.lastUsed.Store(time.Now().UnixNano())
		e.users[name] = u
	}
	return u
}

// Publish makes routes the user's live table. Requests that already hold a
// Function finish on it.
func (e *Engine) Publish(user string, routes *Routes) {
	if u := e.user(user, true); u != nil {
		u.routes.Store(routes)
		u.lastUsed.Store(time.Now().UnixNano())
	}
}

// Routes returns the user's live table, or nil if none is loaded (never
// published, or dropped while idle).
func (e *Engine) Routes(user string) *Routes {
	if u := e.user(user, false); u != nil {
		return u.routes.Load()
	}
	return nil
}

// Forget drops a user's runtimes and routes (the user was deleted, or an
// admin asked to drop warm runtimes with keepRoutes).
func (e *Engine) Forget(user string) {
	e.mu.Lock()
	u := e.users[user]
	delete(e.users, user)
	e.mu.Unlock()
	if u != nil {
		u.pool.drain()
	}
}

// DropRuntimes drops a user's idle runtimes now, keeping the route table.
// Busy runtimes are dropped when they are released.
func (e *Engine) DropRuntimes(user string) int {
	if u := e.user(user, false); u != nil {
		return u.pool.dropIdle(time.Time{})
	}
	return 0
}

// UserStats is a snapshot of one user's pool.
type UserStats struct {
	Warm       int   // runtimes alive now
	Busy       int   // runtimes running a request now
	Waiting    int   // requests waiting for a runtime
	ColdStarts int64 // runtimes created since the user was loaded
}

// Stats returns a snapshot of the user's pool.
func (e *Engine) Stats(user string) UserStats {
	u := e.user(user, false)
	if u == nil {
		return UserStats{}
	}
	return u.pool.stats()
}

// WarmTotal is the number of runtimes alive across all users.
func (e *Engine) WarmTotal() int {
	e.mu.Lock()
	users := make([]*userState, 0, len(e.users))
	for _, u := range e.users {
		users = append(users, u)
	}
	e.mu.Unlock()
	n := 0
	for _, u := range users {
		n += u.pool.stats().Warm
	}
	return n
}

func (e *Engine) janitor() {
	defer close(e.done)
	tick := e.cfg.IdleTimeout / 4
	if tick < 5*time.Millisecond {
		tick = 5 * time.Millisecond
	}
	if tick > 15*time.Second {
		tick = 15 * time.Second
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-e.stop:
			return
		case now := <-t.C:
			e.sweep(now)
		}
	}
}

// sweep drops runtimes idle for longer than IdleTimeout, and users with no
// runtimes and no request for RoutesTTL (their compiled routes are reloaded
// from the store on the next request).
func (e *Engine) sweep(now time.Time) {
	cutoff := now.Add(-e.cfg.IdleTimeout)
	routesCutoff := now.Add(-e.cfg.RoutesTTL)
	e.mu.Lock()
	users := make([]*userState, 0, len(e.users))
	for _, u := range e.users {
		users = append(users, u)
	}
	e.mu.Unlock()
	for _, u := range users {
		u.pool.dropIdle(cutoff)
		if u.lastUsed.Load() < routesCutoff.UnixNano() && u.pool.empty() {
			e.mu.Lock()
			if e.users[u.name] == u && u.pool.empty() {
				delete(e.users, u.name)
			}
			e.mu.Unlock()
		}
	}
}

// Request is one HTTP request for a function. All byte slices and strings
// must be owned by the caller for the duration of Invoke (copy them out of
// fasthttp's buffers first).
type Request struct {
	ID       string
	Method   string
	URL      string // path and query as received, e.g. /alice/ping?x=1
	Query    string // raw query without '?'
	Headers  []Header
	Body     []byte
	IP       string
	Host     string // Host header, e.g. localhost:3401
	Protocol string // http or https
	// Fetched, if set, is told of each request the function makes (each
	// redirect hop is one) once it has ended. It is called on the
	// invocation's goroutine, before Invoke returns, except for requests
	// that end while a streamed response goes on after Invoke returned:
	// those are told from the goroutine that carries the stream on.
	Fetched func(FetchRecord)
	// User is the caller's verified identity as JSON (a JWT's claims),
	// request.user in the function; nil leaves request.user undefined.
	User []byte
}

// Header is one request or response header. Request header names are lower case.
type Header struct{ Name, Value string }

// Response is what a function answered.
type Response struct {
	Status  int
	Headers []Header
	Body    []byte
	Cold    bool          // a runtime was created for this request
	Wait    time.Duration // time spent waiting for a runtime
	Run     time.Duration // time spent in the runtime
	Warning string        // set when the engine had to answer for the function
	// Stream, when set, is the body (Body is empty): the function is still
	// producing it (stream.go). The caller reads it to its end and must
	// Close it, whatever happens.
	Stream *Stream
}

// Invoke runs req through fn on one of user's runtimes. A panic in goja or
// a host function while it runs is recovered: the runtime is discarded,
// the panic is logged once (keys user, fn, err), and the caller gets a
// *FunctionError.
func (e *Engine) Invoke(ctx context.Context, user string, fn *Function, req *Request) (*Response, error) {
	u := e.user(user, true)
	if u == nil {
		return nil, ErrClosed
	}
	start := time.Now()
	u.lastUsed.Store(start.UnixNano())
	e.busyMu.Lock()
	e.inFlight++
	e.busyMu.Unlock()
	rt, cold, err := u.pool.acquire(ctx)
	if err != nil {
		e.ended(nil)
		return nil, err
	}
	wait := time.Since(start)
	timeout := e.cfg.Timeout
	if fn.timeout > 0 && fn.timeout < timeout {
		timeout = fn.timeout
	}
	e.track(rt, start, fn.Route)
	resp, err := e.run(u, rt, ctx, fn, req, timeout)
	if resp != nil {
		resp.Cold = cold
		resp.Wait = wait
		resp.Run = time.Since(start) - wait
	}
	return resp, err
}

// run runs one invocation on rt and gives rt back to the pool, whatever
// happens (a panic included).
func (e *Engine) run(u *userState, rt *runtime, ctx context.Context, fn *Function, req *Request, timeout time.Duration) (resp *Response, err error) {
	defer func() {
		if x := recover(); x != nil {
			ierr := e.internalError(rt, fn.Route, x)
			rt.consoleLine("error", fn.Path+": the runtime failed (an internal error, logged by the server); it was discarded")
			resp, err = nil, &FunctionError{Message: "Internal Server Error: the runtime failed while running " + fn.Path + " and was discarded", Cause: ierr.Error()}
			if rt.streaming != nil {
				rt.streaming = nil
				if rt.inv != nil && rt.inv.stream != nil {
					rt.inv.stream.detach(ErrStreamFailed)
				}
				rt.endFetches()
				rt.loop.reset()
				rt.inv = nil
			}
		}
		if d := rt.streaming; d != nil {
			// The runtime stays with the invocation until its stream ends.
			rt.streaming = nil
			go e.continueStream(u, rt, d)
			return
		}
		e.finishRun(u, rt)
	}()
	return rt.invoke(ctx, fn, req, timeout)
}

// finishRun gives an invocation's runtime back to the pool.
func (e *Engine) finishRun(u *userState, rt *runtime) {
	if rt.niced {
		u.pool.markHog()
	}
	e.ended(rt)
	u.pool.release(rt)
}

// internalError marks rt broken after a panic, logs the panic once and
// returns an error matching ErrInternal.
func (e *Engine) internalError(rt *runtime, route string, x any) error {
	rt.broken = true
	e.log.Error("a runtime panicked; it was discarded", "user", rt.user, "fn", route, "err", fmt.Sprint(x), "stack", string(debug.Stack()))
	return fmt.Errorf("%w: %v", ErrInternal, x)
}

// ended counts an invocation out (and its runtime, if it got one), and
// signals quiet when it was the last one.
func (e *Engine) ended(rt *runtime) {
	e.busyMu.Lock()
	if rt != nil {
		delete(e.busy, rt)
		if s := rt.busySince; !s.IsZero() && e.cfg.MemoryLimit > 0 {
			if s.Before(e.lastTick) {
				s = e.lastTick
			}
			e.ghost += float64(time.Since(s))
		}
	}
	e.inFlight--
	if e.inFlight == 0 {
		select {
		case e.quiet <- struct{}{}:
		default:
		}
	}
	e.busyMu.Unlock()
}
