package engine

import (
	"context"
	goruntime "runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLoopHoldRunsJobOnce: a hold keeps the loop pending until its job
// arrives; the job runs on the caller of wait, once.
func TestLoopHoldRunsJobOnce(t *testing.T) {
	l := newEventLoop()
	defer l.close()
	l.begin(context.Background())
	done := l.hold()
	if l.pending != 1 {
		t.Fatalf("pending = %d after hold, want 1", l.pending)
	}
	ran := 0
	go done(func() error { ran++; return nil })
	job, ok := l.wait()
	if !ok {
		t.Fatal("wait was woken, want a job")
	}
	if err := job(); err != nil {
		t.Fatal(err)
	}
	if ran != 1 || l.pending != 0 {
		t.Fatalf("ran %d, pending %d; want 1, 0", ran, l.pending)
	}
}

// TestLoopResetDropsStaleJobs: what an ended invocation's callbacks hand
// back never runs in the next one, and its context is cancelled.
func TestLoopResetDropsStaleJobs(t *testing.T) {
	l := newEventLoop()
	defer l.close()
	l.begin(context.Background())
	ctx := l.context()
	stale := l.hold()
	l.reset()
	if ctx.Err() == nil {
		t.Fatal("the ended invocation's context is still live")
	}
	l.begin(context.Background())
	fresh := l.hold()
	staleRan := false
	stale(func() error { staleRan = true; return nil })
	go fresh(nil)
	job, ok := l.wait()
	if !ok {
		t.Fatal("woken, want the fresh job")
	}
	_ = job()
	if staleRan {
		t.Fatal("a job held by the previous invocation ran")
	}
	if l.pending != 0 {
		t.Fatalf("pending = %d, want 0", l.pending)
	}
}

// TestLoopCloseUnblocksSenders: a callback that answers after the runtime
// closed does not block its goroutine forever (the job channel is full).
func TestLoopCloseUnblocksSenders(t *testing.T) {
	l := newEventLoop()
	l.begin(context.Background())
	n := cap(l.jobs) + 4
	sent := make(chan struct{}, n)
	for range n {
		d := l.hold()
		go func() { d(nil); sent <- struct{}{} }()
	}
	// The buffer fills; the last four senders block until close.
	l.close()
	deadline := time.After(10 * time.Second)
	for i := range n {
		select {
		case <-sent:
		case <-deadline:
			t.Fatalf("%d of %d senders still blocked after close", n-i, n)
		}
	}
}

// TestLoopTimers: timers fire in order of their delay, a cleared timer
// never fires and releases its count, and interrupt wakes a waiting loop.
func TestLoopTimers(t *testing.T) {
	l := newEventLoop()
	defer l.close()
	l.begin(context.Background())
	var order []int
	l.setTimer(30*time.Millisecond, false, func() error { order = append(order, 2); return nil })
	l.setTimer(time.Millisecond, false, func() error { order = append(order, 1); return nil })
	gone := l.setTimer(time.Millisecond, false, func() error { order = append(order, 99); return nil })
	l.clearTimer(gone)
	if l.pending != 2 {
		t.Fatalf("pending = %d, want 2", l.pending)
	}
	for l.pending > 0 {
		job, ok := l.wait()
		if !ok {
			t.Fatal("woken without an interrupt")
		}
		_ = job()
	}
	if len(order) != 2 || order[0] != 1 || order[1] != 2 {
		t.Fatalf("fired %v, want [1 2]", order)
	}
	l.interrupt()
	if _, ok := l.wait(); ok {
		t.Fatal("wait returned a job, want the interrupt")
	}
}

// TestUnhandledRejectionLogged: a promise rejected with no handler by the
// end of its turn is reported once, in the function's log, with the
// error's message; one handled later in the same turn is not.
func TestUnhandledRejectionLogged(t *testing.T) {
	sink := &sinkLines{}
	e, err := New(Config{Timeout: 5 * time.Second, Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn, err := e.Compile(context.Background(), Source{Path: "a.ts", Route: "a", URL: "/u/a",
		Code: mod("", `[{}, async function (req, reply) {
			Promise.reject(new Error("nobody caught me"));
			const p = Promise.reject(new Error("caught in time")); p.catch(() => {});
			await new Promise(r => setTimeout(r, 5));
			setTimeout(() => { Promise.reject(new TypeError("from a timer")) }, 1);
			await new Promise(r => setTimeout(r, 20));
			return { ok: true };
		}]`)})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil || resp.Status != 200 {
		t.Fatalf("invoke: %v %+v", err, resp)
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	var got []string
	for _, l := range sink.lines {
		if strings.HasPrefix(l.Text, "Uncaught (in promise)") {
			got = append(got, l.Text)
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], "Error: nobody caught me") || !strings.Contains(got[1], "TypeError: from a timer") {
		t.Fatalf("unhandled rejections logged: %q", got)
	}
	for _, l := range sink.lines {
		if strings.Contains(l.Text, "caught in time") {
			t.Fatalf("a handled rejection was logged: %q", l.Text)
		}
	}
}

// TestLoopTimersOrderedWhenLate: timers already due when the loop gets to
// them run in the order they are due, whatever order their Go timers'
// jobs arrive in (they race when the machine is loaded).
func TestLoopTimersOrderedWhenLate(t *testing.T) {
	l := newEventLoop()
	defer l.close()
	l.begin(context.Background())
	var order []int
	for i, d := range []time.Duration{9, 3, 6, 1, 3} {
		l.setTimer(d*time.Millisecond, false, func() error { order = append(order, i); return nil })
	}
	// Let every timer come due before the loop runs anything.
	deadline := time.Now().Add(5 * time.Second)
	for len(l.jobs) < 5 && time.Now().Before(deadline) {
		goruntime.Gosched()
	}
	// Hand the jobs back in reverse: the order goroutines deliver them in
	// must not matter.
	var jobs []loopJob
	for len(l.jobs) > 0 {
		jobs = append(jobs, <-l.jobs)
	}
	slices.Reverse(jobs)
	for _, j := range jobs {
		l.jobs <- j
	}
	for l.pending > 0 {
		job, ok := l.wait()
		if !ok {
			t.Fatal("woken without an interrupt")
		}
		_ = job()
	}
	want := []int{3, 1, 4, 2, 0}
	if !slices.Equal(order, want) {
		t.Fatalf("ran %v, want %v", order, want)
	}
}
