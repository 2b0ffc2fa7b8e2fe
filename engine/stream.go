package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// Streamed responses. A handler that sends a Web ReadableStream, a Web
// Response with a stream body, any async iterable (a Node Readable is one)
// or writes to reply.raw answers with a Response whose Stream yields the
// body as the function produces it:
//
//   - The lifecycle (prelude.js: streamPayload) reads the source and hands
//     each chunk to host.streamWrite. The first chunk (or the end) commits
//     the response: until then an error in the source is answered as
//     Fastify answers it (its error handler, a 500), after it the body is
//     cut (the connection is closed without the last chunk).
//   - Invoke returns at the commit; if the stream has not ended, the
//     runtime stays with the invocation: its event loop goes on, on
//     another goroutine, under the same deadline, until the stream ends,
//     fails, or its reader closes it. Only then is the runtime reset and
//     given back to the pool.
//   - Back-pressure: chunks wait in a queue of at most streamHighWater
//     bytes (or streamMaxChunks chunks); past it streamWrite returns a
//     promise that settles when the reader has taken enough, so a
//     function cannot run ahead of a slow client.
//   - Bounds: the body is at most Config.MaxResponseBytes in all (past it
//     the body is cut and the function's console says so), and the
//     invocation's deadline ends a stream that stalls.
//   - The reader (the api's body writer) calls Close when it is done or
//     the client went away: the invocation ends at once (its timers stop,
//     its outgoing requests are cancelled) and nothing of it runs again.

const (
	streamHighWater = 64 << 10
	streamMaxChunks = 256
)

// Errors a Stream's Next returns when the body was cut.
var (
	ErrStreamTooLarge = errors.New("engine: the streamed response passed MaxResponseBytes; it was cut")
	ErrStreamFailed   = errors.New("engine: the function's response stream failed; it was cut")
	errClientGone     = errors.New("the stream's reader closed it")
)

// Stream is a response body produced while the function runs. One reader
// calls Next until it returns an error, then Close (Close may come any
// time, from any goroutine).
type Stream struct {
	mu       sync.Mutex
	q        [][]byte
	qBytes   int
	sent     int64
	done     bool  // the function ended the stream, or it was cut
	err      error // why it was cut (nil: it ended well)
	gone     bool  // the reader closed it
	attached bool  // an invocation still runs for it
	notify   chan struct{}
	ended    chan struct{} // closed when no invocation runs for it any more
	drain    func()        // settles the function's write that waits for room
	wake     func()        // wakes the invocation's event loop
}

func newStream(wake func()) *Stream {
	return &Stream{notify: make(chan struct{}, 1), ended: make(chan struct{}), wake: wake, attached: true}
}

// Next returns the next chunk, blocking until there is one; io.EOF at
// the end of a stream that ended well, ErrStreamTooLarge or
// ErrStreamFailed (or ErrTimeout, ErrMemory) for one that was cut.
func (s *Stream) Next() ([]byte, error) {
	for {
		s.mu.Lock()
		if len(s.q) > 0 {
			c := s.q[0]
			s.q[0] = nil
			s.q = s.q[1:]
			s.qBytes -= len(c)
			var rel func()
			if s.drain != nil && s.qBytes < streamHighWater/2 && len(s.q) < streamMaxChunks/2 {
				rel, s.drain = s.drain, nil
			}
			s.mu.Unlock()
			if rel != nil {
				rel()
			}
			return c, nil
		}
		if s.done || s.gone {
			err := s.err
			s.mu.Unlock()
			if err == nil {
				err = io.EOF
			}
			return nil, err
		}
		s.mu.Unlock()
		<-s.notify
	}
}

// Close ends the reading: if the function still runs for the stream, its
// invocation ends.
func (s *Stream) Close() {
	s.mu.Lock()
	if s.gone {
		s.mu.Unlock()
		return
	}
	s.gone = true
	s.q, s.qBytes = nil, 0
	rel := s.drain
	s.drain = nil
	if s.attached && !s.done && s.wake != nil {
		s.wake() // never blocks
	}
	s.mu.Unlock()
	// Outside the lock: handing the job to the loop may wait for the loop,
	// which may be waiting for the lock.
	if rel != nil {
		rel()
	}
}

// Ended is closed once the function no longer runs for the stream (it
// ended, was cut, or its reader closed it); Sent and Err are then final.
func (s *Stream) Ended() <-chan struct{} { return s.ended }

// Err is why the stream was cut (nil: it ended well, or not yet).
func (s *Stream) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Sent is the number of body bytes the function wrote.
func (s *Stream) Sent() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent
}

func (s *Stream) signal() {
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

// finish ends the stream (err nil: well), once.
func (s *Stream) finish(err error) {
	s.mu.Lock()
	if !s.done {
		s.done, s.err = true, err
	}
	s.mu.Unlock()
	s.signal()
}

// detach: no invocation runs for the stream any more.
func (s *Stream) detach(err error) {
	s.mu.Lock()
	if s.attached {
		close(s.ended)
	}
	s.attached = false
	s.drain = nil // its hold went with the invocation
	if !s.done {
		s.done, s.err = true, err
	}
	s.mu.Unlock()
	s.signal()
}

func (s *Stream) over() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.done || s.gone
}

func (s *Stream) isGone() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gone
}

// ---- host functions called by prelude.js ---------------------------------

// hostStreamStart(status, headers) prepares a streamed response; nothing
// is committed until the first chunk or the end.
func (rt *runtime) hostStreamStart(c goja.FunctionCall) goja.Value {
	inv := rt.inv
	if inv == nil || inv.done || inv.stream != nil {
		return goja.Undefined()
	}
	resp := &Response{Status: int(c.Argument(0).ToInteger())}
	resp.Headers, _ = replyHeaders(nil, c.Argument(1), false, rt.e.cfg.MaxResponseHeaderBytes)
	// The lifecycle checked them (host.checkHeaders); what still fails is
	// dropped, never sent. A streamed body has no length.
	hs := validHeaders(resp.Headers)
	out := hs[:0]
	for _, h := range hs {
		if h.Name != "content-length" {
			out = append(out, h)
		}
	}
	resp.Headers = out
	loop := rt.loop
	resp.Stream = newStream(loop.interrupt)
	inv.stream = resp.Stream
	inv.streamResp = resp
	return goja.Undefined()
}

// commit makes the streamed response the invocation's answer.
func (rt *runtime) commitStream() {
	inv := rt.inv
	if !inv.done {
		inv.resp = inv.streamResp
		inv.done = true
	}
}

// hostStreamWrite(chunk) queues a chunk (a string, as UTF-8, or bytes). It
// returns undefined to go on, a promise to wait for (the queue is full), or
// false: the stream is over (cut, or its reader went away), stop.
func (rt *runtime) hostStreamWrite(c goja.FunctionCall) goja.Value {
	inv := rt.inv
	vm := rt.vm
	if inv == nil || inv.stream == nil {
		return vm.ToValue(false)
	}
	s := inv.stream
	if s.over() {
		return vm.ToValue(false)
	}
	max := int64(rt.e.cfg.MaxResponseBytes)
	var b []byte
	switch v := c.Argument(0).(type) {
	case goja.String:
		// A character is at least one byte: check before converting.
		if s.Sent()+int64(v.Length()) > max {
			rt.streamTooLarge(s)
			return vm.ToValue(false)
		}
		b = []byte(v.String())
	case *goja.Object:
		view, ok := rt.viewBytes(v)
		if !ok {
			e := vm.NewTypeError(`The "chunk" argument must be of type string or an instance of Buffer or Uint8Array.`)
			_ = e.Set("code", "ERR_INVALID_ARG_TYPE")
			panic(e)
		}
		b = append([]byte(nil), view...)
	default:
		e := vm.NewTypeError(`The "chunk" argument must be of type string or an instance of Buffer or Uint8Array.`)
		_ = e.Set("code", "ERR_INVALID_ARG_TYPE")
		panic(e)
	}
	if len(b) == 0 {
		return goja.Undefined()
	}
	if s.Sent()+int64(len(b)) > max {
		rt.streamTooLarge(s)
		return vm.ToValue(false)
	}
	rt.commitStream()
	s.mu.Lock()
	s.q = append(s.q, b)
	s.qBytes += len(b)
	s.sent += int64(len(b))
	full := s.qBytes >= streamHighWater || len(s.q) >= streamMaxChunks
	var p goja.Value
	if full && s.drain == nil {
		promise, resolve, _ := vm.NewPromise()
		done := rt.loop.hold()
		s.drain = func() { done(func() error { return resolve(goja.Undefined()) }) }
		p = vm.ToValue(promise)
	}
	s.mu.Unlock()
	s.signal()
	if p != nil {
		return p
	}
	return goja.Undefined()
}

// streamTooLarge cuts a stream over MaxResponseBytes, or, before anything
// was sent, answers 500 TARSUS_RESPONSE_TOO_LARGE.
func (rt *runtime) streamTooLarge(s *Stream) {
	inv := rt.inv
	if !inv.done {
		inv.stream, inv.streamResp = nil, nil
		rt.respondError(500, "TARSUS_RESPONSE_TOO_LARGE", fmt.Sprintf("The streamed response body's first chunk would pass the limit of %d bytes (engine MaxResponseBytes)", rt.e.cfg.MaxResponseBytes))
		return
	}
	rt.consoleLine("error", fmt.Sprintf("%s: the streamed response passed %d bytes (engine MaxResponseBytes); it was cut", rt.curFn, rt.e.cfg.MaxResponseBytes))
	s.finish(ErrStreamTooLarge)
}

// hostStreamEnd() ends the stream well.
func (rt *runtime) hostStreamEnd(goja.FunctionCall) goja.Value {
	inv := rt.inv
	if inv == nil || inv.stream == nil {
		return goja.Undefined()
	}
	rt.commitStream()
	inv.stream.finish(nil)
	return goja.Undefined()
}

// hostStreamError(err) reports the source's failure. It returns true when
// nothing was sent yet: the lifecycle then answers the error as Fastify
// does; otherwise the body is cut and the error logged.
func (rt *runtime) hostStreamError(c goja.FunctionCall) goja.Value {
	inv := rt.inv
	if inv == nil || inv.stream == nil {
		return rt.vm.ToValue(false)
	}
	if !inv.done {
		inv.stream, inv.streamResp = nil, nil
		return rt.vm.ToValue(true)
	}
	if !inv.stream.over() {
		rt.consoleLine("error", rt.curFn+": the response stream failed after it began; the body was cut: "+rt.describeRejection(c.Argument(0)))
	}
	inv.stream.finish(ErrStreamFailed)
	return rt.vm.ToValue(false)
}

// ---- the invocation after the commit ---------------------------------------

// streamRun is what an invocation whose stream goes on hands to the
// goroutine that carries it on.
type streamRun struct {
	ctx context.Context
	at  time.Time // the deadline
}

// continueStream runs the event loop of an invocation whose response is
// streaming, until the stream is over, then gives the runtime back.
func (e *Engine) continueStream(u *userState, rt *runtime, d *streamRun) {
	inv := rt.inv
	s := inv.stream
	var every time.Duration
	if e.renice {
		every = e.cfg.NiceAfter
	}
	defer func() {
		if x := recover(); x != nil {
			_ = e.internalError(rt, inv.fn.Route, x)
			rt.consoleLine("error", inv.fn.Path+": the runtime failed (an internal error, logged by the server) while streaming; it was discarded")
			s.detach(ErrStreamFailed)
		}
		cause, niced := rt.dl.stop()
		if cause != nil {
			rt.broken = true
		}
		rt.niced = niced
		rt.dl = nil
		s.detach(ErrStreamFailed)
		rt.endFetches()
		rt.loop.reset()
		rt.inv = nil
		rt.curFn = ""
		e.finishRun(u, rt)
	}()
	rt.dl = rt.startDeadline(d.ctx, time.Until(d.at), every)
	err := rt.runLoop(inv, s.over)
	switch {
	case err == nil:
		if !s.over() {
			// Node would leave the client waiting until a timeout; the
			// body is cut instead, so the client sees it is incomplete.
			rt.consoleLine("warn", fmt.Sprintf("%s: the response stream never ended (no close(), raw.end() or end of the iterable) and nothing more could happen; the body was cut", inv.fn.Path))
			s.finish(ErrStreamFailed)
		}
	case errors.Is(err, errClientGone):
	default:
		_, ferr := rt.failure(err)
		cut := ErrStreamFailed
		if errors.Is(ferr, ErrTimeout) || errors.Is(ferr, ErrMemory) {
			cut = ferr
		}
		s.finish(cut)
	}
}
