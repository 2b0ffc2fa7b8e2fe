package engine

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/dop251/goja"
)

// eventLoop is a runtime's event loop. It serves one invocation at a time:
// the invocation's goroutine runs JS and, while something is pending, waits
// for jobs that timers and host calls (fetch, KV, crypto.subtle, streams)
// send back to it from other goroutines. Only the loop's goroutine touches
// goja; other goroutines hand it closures.
//
// A pending callback is registered with hold (on the loop's goroutine) and
// released exactly once, by the job it hands back (run on the loop) or by
// being dropped; the invocation's loop ends when its reply is sent or
// nothing is pending. When an invocation ends, reset cancels its context
// (so outgoing requests stop), stops its timers and drops whatever its
// callbacks hand back later: nothing of one invocation runs in the next.
//
// Promise rejections that no handler caught by the end of a turn are
// reported once each through onUnhandled (the runtime logs them as Node
// does: "Uncaught (in promise)").
type eventLoop struct {
	jobs   chan loopJob
	wake   chan struct{} // the deadline or the memory watchdog wakes a waiting loop
	closed chan struct{}

	pending  int
	gen      uint64
	timers   map[int64]*jsTimer
	timerSeq int64

	parent context.Context // the invocation's context, from begin
	ctx    context.Context // derived from parent on first use; cancelled by reset
	cancel context.CancelFunc

	// rejected holds promises rejected without a handler during the current
	// turn, in order; a handler added later in the turn removes its entry.
	rejected    []*goja.Promise
	onUnhandled func(reason goja.Value)
}

type loopJob struct {
	gen     uint64
	run     func() error // nil: release the hold only
	release bool         // the job releases a hold (a timer keeps its own count)
}

type jsTimer struct {
	t        *time.Timer
	interval bool
	d        time.Duration
	at       time.Time // when it is due next
	fire     uint64    // which scheduling the Go timer's job belongs to
	cb       func() error
}

func newEventLoop() *eventLoop {
	return &eventLoop{
		jobs:   make(chan loopJob, 256),
		wake:   make(chan struct{}, 1),
		closed: make(chan struct{}),
		timers: map[int64]*jsTimer{},
	}
}

// begin starts an invocation's turn of the loop under ctx.
func (l *eventLoop) begin(ctx context.Context) {
	select {
	case <-l.wake:
	default:
	}
	l.parent = ctx
}

// context is the current invocation's context: host calls made for it use
// it, so that its deadline and its end cancel them.
// It is made on first use: most invocations make no host call.
func (l *eventLoop) context() context.Context {
	if l.ctx == nil {
		parent := l.parent
		if parent == nil {
			parent = context.Background()
		}
		l.ctx, l.cancel = context.WithCancel(parent)
	}
	return l.ctx
}

// hold registers one pending callback. The returned function hands its job
// to the loop; it may be called from any goroutine, must be called exactly
// once, and never blocks past the runtime's close. A nil job only releases
// the hold. Call hold only on the loop's goroutine.
func (l *eventLoop) hold() func(job func() error) {
	l.pending++
	gen := l.gen
	return func(job func() error) {
		select {
		case l.jobs <- loopJob{gen: gen, run: job, release: true}:
		case <-l.closed:
		}
	}
}

// wait blocks until a job arrives or the loop is woken. It returns the job
// to run (nil when woken: the caller checks why), releasing its hold.
// Stale jobs (from an earlier invocation) are dropped.
func (l *eventLoop) wait() (func() error, bool) {
	for {
		select {
		case j := <-l.jobs:
			if j.gen != l.gen {
				continue
			}
			if j.release {
				l.pending--
			}
			if j.run == nil {
				return func() error { return nil }, true
			}
			return j.run, true
		case <-l.wake:
			return nil, false
		}
	}
}

// interrupt wakes a waiting loop (the deadline, the memory watchdog).
func (l *eventLoop) interrupt() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// track is goja's promise rejection tracker.
func (l *eventLoop) track(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		if len(l.rejected) < 1024 {
			l.rejected = append(l.rejected, p)
		}
	case goja.PromiseRejectionHandle:
		for i, q := range l.rejected {
			if q == p {
				l.rejected = append(l.rejected[:i], l.rejected[i+1:]...)
				break
			}
		}
	}
}

// endTurn reports the rejections that stayed unhandled through a turn
// (a macrotask and its microtasks).
func (l *eventLoop) endTurn() {
	if len(l.rejected) == 0 {
		return
	}
	r := l.rejected
	l.rejected = nil
	for _, p := range r {
		if p.State() == goja.PromiseStateRejected && l.onUnhandled != nil {
			l.onUnhandled(p.Result())
		}
	}
}

// reset ends the invocation's turn: its context is cancelled, its timers
// stopped, its pending callbacks forgotten (their jobs are dropped when
// they arrive).
func (l *eventLoop) reset() {
	if l.cancel != nil {
		l.cancel()
	}
	l.cancel, l.ctx, l.parent = nil, nil, nil
	for id, t := range l.timers {
		t.t.Stop()
		delete(l.timers, id)
	}
	l.pending = 0
	l.rejected = nil
	l.gen++
	for {
		select {
		case <-l.jobs:
		default:
			return
		}
	}
}

// close stops the loop for good: senders blocked on it return.
func (l *eventLoop) close() {
	select {
	case <-l.closed:
		return
	default:
	}
	close(l.closed)
	if l.cancel != nil {
		l.cancel()
	}
	for _, t := range l.timers {
		t.t.Stop()
	}
	l.timers = nil
}

// ---- timers -----------------------------------------------------------

// setTimer schedules cb after d (again every d when interval) and returns
// its id. Timers run in the order they are due (ties in the order they
// were set), as Node runs them: when a timer's job comes, every live timer
// due no later than it runs first, so goroutine scheduling under load never
// reorders them.
func (l *eventLoop) setTimer(d time.Duration, interval bool, cb func() error) int64 {
	l.timerSeq++
	id := l.timerSeq
	t := &jsTimer{interval: interval, d: d, cb: cb}
	l.timers[id] = t
	l.pending++
	l.arm(id, t, time.Now().Add(d))
	return id
}

// arm (re)schedules timer id to be due at at.
func (l *eventLoop) arm(id int64, t *jsTimer, at time.Time) {
	t.fire++
	t.at = at
	fire, gen := t.fire, l.gen
	// A timer's job does not release a hold: the timer keeps its own count
	// until it is cleared or has fired for good.
	t.t = time.AfterFunc(time.Until(at), func() {
		select {
		case l.jobs <- loopJob{gen: gen, run: func() error { return l.runDue(id, fire) }}:
		case <-l.closed:
		}
	})
}

// runDue runs, in order, the live timers due no later than timer id's
// scheduling fire. A job for a timer cleared or rescheduled since does
// nothing.
func (l *eventLoop) runDue(id int64, fire uint64) error {
	t, live := l.timers[id]
	if !live || t.fire != fire {
		return nil
	}
	type due struct {
		id int64
		t  *jsTimer
	}
	limit := t.at
	var run []due
	for oid, o := range l.timers {
		if !o.at.After(limit) {
			run = append(run, due{oid, o})
		}
	}
	slices.SortFunc(run, func(a, b due) int {
		if c := a.t.at.Compare(b.t.at); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for _, r := range run {
		if cur, ok := l.timers[r.id]; !ok || cur != r.t || r.t.at.After(limit) {
			continue // cleared, or rescheduled, by a callback that ran before it
		}
		r.t.t.Stop()
		if r.t.interval {
			l.arm(r.id, r.t, time.Now().Add(r.t.d))
		} else {
			delete(l.timers, r.id)
			l.pending--
		}
		if err := r.t.cb(); err != nil {
			return err
		}
	}
	return nil
}

// clearTimer cancels timer id; unknown ids are ignored.
func (l *eventLoop) clearTimer(id int64) {
	if t, ok := l.timers[id]; ok {
		t.t.Stop()
		delete(l.timers, id)
		l.pending--
	}
}

// ---- host calls that settle promises ----------------------------------

// hostPromise runs work on its own goroutine under the invocation's
// context and settles the returned promise on the loop with what settle
// gives (settle runs on the loop's goroutine and may make JS values; it
// returns the value to resolve with, or an error: a *goja.Exception rejects
// with its value, any other error with rt.hostError's Error).
func (rt *runtime) hostPromise(work func(ctx context.Context) func() (goja.Value, error)) goja.Value {
	p, resolve, reject := rt.vm.NewPromise()
	done := rt.loop.hold()
	ctx := rt.loop.context()
	go func() {
		settle := work(ctx)
		done(func() error {
			v, err := settle()
			if err != nil {
				var ex *goja.Exception
				if errors.As(err, &ex) {
					return reject(ex.Value())
				}
				return reject(rt.hostError(err))
			}
			return resolve(v)
		})
	}()
	return rt.vm.ToValue(p)
}

// hostError is the JS Error a host call's failure rejects or throws with.
// An error with a Code() (a limit, an egress refusal) keeps it as the
// error's code property.
func (rt *runtime) hostError(err error) goja.Value {
	o := rt.vm.NewGoError(err)
	var c interface{ Code() string }
	if errors.As(err, &c) {
		_ = o.Set("code", c.Code())
	}
	return o
}

// describeRejection formats an unhandled rejection's reason as the console
// formats an argument (an error by its stack), within the line cap.
func (rt *runtime) describeRejection(reason goja.Value) string {
	f := consoleFmt{rt: rt, max: rt.e.cfg.MaxLogLine + 1}
	f.arg(reason)
	return f.b.String()
}
