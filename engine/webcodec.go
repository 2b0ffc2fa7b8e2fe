package engine

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/dop251/goja"
)

// CompressionStream and DecompressionStream run over Go's compress/*
// (lib/streams.js calls host.codec). Bounds:
//
//   - A decompression's output, over the whole stream, is at most
//     Config.MaxTypedArrayBytes (the largest byte array a function may
//     hold): a decompression bomb meets a RangeError TARSUS_LIMIT, never
//     the heap.
//   - An invocation holds at most maxCodecs open codecs (a flate
//     compressor takes about 1 MB); a codec is closed by its last chunk, or
//     by the end of the invocation that made it (its goroutine ends with
//     the invocation's context; using it in a later invocation is an
//     error).
//
// compress/flate's reader keeps what it needs of its input and cannot be
// fed piecewise, so a decompression runs on its own goroutine reading from
// the chunks written to it; write hands it a chunk and waits until it has
// used it all (it asks for more) or has ended, then returns what it made.
// Only one side runs at a time.

const maxCodecs = 16

type codecHost struct {
	rt   *runtime
	open []*codecState // codecs made by the current invocation, maybe closed
}

type codecState struct {
	gen    uint64 // the event loop's generation: the invocation that made it
	closed atomic.Bool
}

func (rt *runtime) codecBindings() goja.Value {
	h := &codecHost{rt: rt}
	o := rt.vm.NewObject()
	_ = o.Set("codec", h.codec)
	return o
}

// codec(format, decompress) returns {write(bytes), finish()}: each returns
// a Uint8Array of output, or undefined when there is none yet.
func (h *codecHost) codec(c goja.FunctionCall) goja.Value {
	rt := h.rt
	vm := rt.vm
	format, decompress := c.Argument(0).String(), c.Argument(1).ToBoolean()
	gen := rt.loop.gen
	keep := h.open[:0]
	for _, st := range h.open {
		if st.gen == gen && !st.closed.Load() {
			keep = append(keep, st)
		}
	}
	clear(h.open[len(keep):])
	h.open = keep
	if len(keep) >= maxCodecs {
		panic(rt.limitError(fmt.Sprintf("a runtime may have at most %d CompressionStreams and DecompressionStreams open at once; finish (close) one first", maxCodecs)))
	}
	st := &codecState{gen: gen}
	h.open = append(h.open, st)
	// The invocation's context: its end stops a decompression's goroutine.
	ctx := rt.loop.context()
	var z codecImpl
	if decompress {
		z = newInflater(ctx, format, rt.e.cfg.MaxTypedArrayBytes)
	} else {
		z = newDeflater(format)
	}
	closed := func() bool { return st.closed.Load() || st.gen != rt.loop.gen }
	out := func(b []byte, err error) goja.Value {
		if err != nil {
			st.closed.Store(true)
			var le *codecLimitError
			if errors.As(err, &le) {
				panic(rt.limitError(fmt.Sprintf("Array buffer allocation failed: a DecompressionStream's output would pass %d bytes (engine MaxTypedArrayBytes)", rt.e.cfg.MaxTypedArrayBytes)))
			}
			panic(vm.NewTypeError(err.Error()))
		}
		if len(b) == 0 {
			return goja.Undefined()
		}
		return rt.newUint8Array(b)
	}
	o := vm.NewObject()
	_ = o.Set("write", func(c goja.FunctionCall) goja.Value {
		if closed() {
			panic(vm.NewTypeError("the stream's codec is closed (finished, failed, or made by an earlier invocation)"))
		}
		b, ok := rt.viewBytes(c.Argument(0))
		if !ok {
			panic(vm.NewTypeError("The chunk must be an ArrayBuffer or ArrayBufferView"))
		}
		return out(z.write(b))
	})
	_ = o.Set("finish", func(goja.FunctionCall) goja.Value {
		if closed() {
			panic(vm.NewTypeError("the stream's codec is closed (finished, failed, or made by an earlier invocation)"))
		}
		b, err := z.finish()
		st.closed.Store(true)
		return out(b, err)
	})
	return o
}

type codecImpl interface {
	write(b []byte) ([]byte, error)
	finish() ([]byte, error)
}

type deflater struct {
	buf bytes.Buffer
	w   io.WriteCloser
}

func newDeflater(format string) *deflater {
	d := &deflater{}
	switch format {
	case "gzip":
		d.w = gzip.NewWriter(&d.buf)
	case "deflate":
		d.w = zlib.NewWriter(&d.buf)
	default:
		d.w, _ = flate.NewWriter(&d.buf, flate.DefaultCompression)
	}
	return d
}

func (d *deflater) take() []byte {
	b := bytes.Clone(d.buf.Bytes())
	d.buf.Reset()
	return b
}

func (d *deflater) write(b []byte) ([]byte, error) {
	if _, err := d.w.Write(b); err != nil {
		return nil, err
	}
	return d.take(), nil
}

func (d *deflater) finish() ([]byte, error) {
	if err := d.w.Close(); err != nil {
		return nil, err
	}
	return d.take(), nil
}

type codecLimitError struct{}

func (codecLimitError) Error() string { return "decompressed output over the limit" }

// inflater is a decompression on its own goroutine (see above).
type inflater struct {
	ctx     context.Context
	format  string
	max     int64
	in      chan []byte   // a chunk; nil: the end of the input
	starved chan struct{} // the goroutine used its input and waits for more
	res     chan error    // the goroutine ended (nil: the data ended well)
	cur     []byte
	eof     bool
	started bool
	ended   bool
	err     error
	out     []byte // made since the last take; only touched by the side that runs
	total   int64
}

func newInflater(ctx context.Context, format string, max int64) *inflater {
	return &inflater{ctx: ctx, format: format, max: max,
		in: make(chan []byte), starved: make(chan struct{}), res: make(chan error, 1)}
}

// Read is the decompressor's input.
func (f *inflater) Read(p []byte) (int, error) {
	for len(f.cur) == 0 {
		if f.eof {
			return 0, io.EOF
		}
		select {
		case f.starved <- struct{}{}:
		case <-f.ctx.Done():
			return 0, f.ctx.Err()
		}
		select {
		case c := <-f.in:
			if c == nil {
				f.eof = true
			} else {
				f.cur = c
			}
		case <-f.ctx.Done():
			return 0, f.ctx.Err()
		}
	}
	n := copy(p, f.cur)
	f.cur = f.cur[n:]
	return n, nil
}

func (f *inflater) run() {
	f.res <- f.decode()
}

func (f *inflater) decode() error {
	var r io.Reader
	var err error
	switch f.format {
	case "gzip":
		var g *gzip.Reader
		if g, err = gzip.NewReader(f); err == nil {
			g.Multistream(false)
			r = g
		}
	case "deflate":
		r, err = zlib.NewReader(f)
	default:
		r = flate.NewReader(f)
	}
	if err != nil {
		return decodeError(err)
	}
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if f.total += int64(n); f.total > f.max {
				return &codecLimitError{}
			}
			f.out = append(f.out, buf[:n]...)
		}
		if err == io.EOF {
			if len(f.cur) > 0 {
				return errors.New("the compressed data has junk after its end")
			}
			return nil
		}
		if err != nil {
			return decodeError(err)
		}
	}
}

func decodeError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return errors.New("the DecompressionStream was made by an invocation that has ended")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("the compressed data ended early (truncated input)")
	}
	return fmt.Errorf("the compressed data is invalid: %v", err)
}

// send hands the goroutine a chunk (nil: the end) and waits for it to
// use it.
func (f *inflater) send(c []byte) {
	select {
	case f.in <- c:
		f.wait()
	case err := <-f.res:
		f.ended, f.err = true, err
	}
}

// wait blocks until the goroutine asks for more input or ends.
func (f *inflater) wait() {
	select {
	case <-f.starved:
	case err := <-f.res:
		f.ended, f.err = true, err
	}
}

func (f *inflater) take() ([]byte, error) {
	b := f.out
	f.out = nil
	if f.err != nil {
		return nil, f.err
	}
	return b, nil
}

func (f *inflater) write(b []byte) ([]byte, error) {
	if !f.started {
		f.started = true
		go f.run()
		f.wait()
	}
	if len(b) == 0 {
		return nil, nil
	}
	if f.ended {
		if f.err == nil {
			return nil, errors.New("the compressed data has junk after its end")
		}
		return f.take()
	}
	f.send(bytes.Clone(b))
	return f.take()
}

func (f *inflater) finish() ([]byte, error) {
	if !f.started {
		f.started = true
		go f.run()
		f.wait()
	}
	if !f.ended {
		f.send(nil)
	}
	return f.take()
}
