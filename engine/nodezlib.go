package engine

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/andybalholm/brotli"
	"github.com/dop251/goja"
)

// node:zlib's Go side (lib/zlib.js is the Node API over it). Compression
// is Go's compress/* and andybalholm/brotli. Bounds:
//
//   - Input is a view of the caller's bytes (no copy); a stream's
//     decompressor keeps its compressed input (at most MaxTypedArrayBytes)
//     and decompresses at the end, since Go's readers cannot resume after
//     running out of input.
//   - Output stops at the smaller of the caller's maxOutputLength (Node's
//     RangeError ERR_BUFFER_TOO_LARGE) and MaxTypedArrayBytes (TARSUS_LIMIT):
//     a decompression bomb ends in an error, not in memory.
//   - Work is done in 64 KiB steps with an interrupt poll between them, so
//     the deadline and the memory watchdog stop a long (de)compression.

const zlibStep = 64 << 10

// zlibOpts are the options lib/zlib.js passes.
type zlibOpts struct {
	level     int
	strategy  int
	maxOutput int64 // from maxOutputLength; 0: none given
	dict      []byte
	quality   int // brotli
	lgwin     int // brotli
}

func (rt *runtime) zlibOptions(v goja.Value) zlibOpts {
	o := zlibOpts{level: -1, quality: 11, lgwin: 22}
	obj, ok := v.(*goja.Object)
	if !ok {
		return o
	}
	num := func(k string, def int) int {
		x := obj.Get(k)
		if x == nil || goja.IsUndefined(x) || goja.IsNull(x) {
			return def
		}
		return int(x.ToInteger())
	}
	o.level = num("level", -1)
	o.strategy = num("strategy", 0)
	o.quality = num("quality", 11)
	o.lgwin = num("lgwin", 22)
	if m := obj.Get("maxOutputLength"); m != nil && !goja.IsUndefined(m) {
		o.maxOutput = m.ToInteger()
	}
	if d := obj.Get("dictionary"); d != nil && !goja.IsUndefined(d) {
		if b, ok := rt.viewBytes(d); ok {
			o.dict = bytes.Clone(b)
		}
	}
	return o
}

// zlibError is a zlib failure as Node words it (message, code, errno).
type zlibError struct {
	msg   string
	code  string
	errno int
}

func (e *zlibError) Error() string { return e.msg }

func nodeZlibError(kind string, err error) *zlibError {
	if kind == "brotliDecompress" {
		return &zlibError{"Decompression failed", "ERR__ERROR_FORMAT_PADDING_1", -14}
	}
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &zlibError{"unexpected end of file", "Z_BUF_ERROR", -5}
	case errors.Is(err, zlib.ErrHeader), errors.Is(err, gzip.ErrHeader):
		return &zlibError{"incorrect header check", "Z_DATA_ERROR", -3}
	case errors.Is(err, zlib.ErrChecksum), errors.Is(err, gzip.ErrChecksum):
		return &zlibError{"incorrect data check", "Z_DATA_ERROR", -3}
	case errors.Is(err, zlib.ErrDictionary):
		return &zlibError{"Missing dictionary", "Z_NEED_DICT", 2}
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) {
		return &zlibError{"invalid block type", "Z_DATA_ERROR", -3}
	}
	return &zlibError{err.Error(), "Z_DATA_ERROR", -3}
}

// cappedBuffer is where output goes: it refuses to grow past max.
type cappedBuffer struct {
	rt       *runtime
	buf      bytes.Buffer
	max      int64
	userMax  bool // max came from maxOutputLength
	overflow bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if int64(c.buf.Len())+int64(len(p)) > c.max {
		c.overflow = true
		return 0, errOutputCap
	}
	return c.buf.Write(p)
}

var errOutputCap = errors.New("output cap")

func (rt *runtime) newCapped(o zlibOpts) *cappedBuffer {
	c := &cappedBuffer{rt: rt, max: rt.e.cfg.MaxTypedArrayBytes}
	if o.maxOutput > 0 && o.maxOutput < c.max {
		c.max, c.userMax = o.maxOutput, true
	}
	return c
}

// throwCap is the error for output past the cap.
func (c *cappedBuffer) throwCap() {
	rt := c.rt
	if c.userMax {
		panic(rt.nodeRangeErrorPlain("ERR_BUFFER_TOO_LARGE", fmt.Sprintf("Cannot create a Buffer larger than %d bytes", c.max)))
	}
	rt.tooManyBytes("the decompressed output", float64(c.max+1))
}

// nodeRangeErrorPlain is a RangeError with a Node code (no TARSUS_LIMIT).
func (rt *runtime) nodeRangeErrorPlain(code, msg string) *goja.Object {
	e := rt.limitError(msg)
	_ = e.Set("code", code)
	return e
}

func (rt *runtime) throwZlib(kind string, err error) {
	ze := nodeZlibError(kind, err)
	e := rt.jsError("Error", ze.msg)
	_ = e.Set("code", ze.code)
	_ = e.Set("errno", ze.errno)
	panic(e)
}

// compressor makes the writer for a compressing kind.
func compressor(kind string, w io.Writer, o zlibOpts) (io.WriteCloser, error) {
	level := o.level
	if o.strategy == 2 { // Z_HUFFMAN_ONLY
		level = flate.HuffmanOnly
	}
	if level < -2 || level > 9 {
		return nil, fmt.Errorf("invalid compression level %d", o.level)
	}
	switch kind {
	case "deflate":
		if o.dict != nil {
			return zlib.NewWriterLevelDict(w, level, o.dict)
		}
		return zlib.NewWriterLevel(w, level)
	case "deflateRaw":
		if o.dict != nil {
			return flate.NewWriterDict(w, level, o.dict)
		}
		return flate.NewWriter(w, level)
	case "gzip":
		return gzip.NewWriterLevel(w, level)
	case "brotliCompress":
		q := min(max(o.quality, 0), 11)
		return brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: q, LGWin: min(max(o.lgwin, 10), 24)}), nil
	}
	return nil, fmt.Errorf("unknown kind %q", kind)
}

// decompressor makes the reader for a decompressing kind.
func decompressor(kind string, r io.Reader, in []byte, o zlibOpts) (io.Reader, error) {
	switch kind {
	case "inflate":
		if o.dict != nil {
			return zlib.NewReaderDict(r, o.dict)
		}
		return zlib.NewReader(r)
	case "inflateRaw":
		if o.dict != nil {
			return flate.NewReaderDict(r, o.dict), nil
		}
		return flate.NewReader(r), nil
	case "gunzip":
		return gzip.NewReader(r)
	case "unzip":
		if len(in) >= 2 && in[0] == 0x1f && in[1] == 0x8b {
			return gzip.NewReader(r)
		}
		return zlib.NewReader(r)
	case "brotliDecompress":
		return brotli.NewReader(r), nil
	}
	return nil, fmt.Errorf("unknown kind %q", kind)
}

func isCompress(kind string) bool {
	return kind == "deflate" || kind == "deflateRaw" || kind == "gzip" || kind == "brotliCompress"
}

// zlibRun (de)compresses in all at once.
func (rt *runtime) zlibRun(kind string, in []byte, o zlibOpts) []byte {
	out := rt.newCapped(o)
	if isCompress(kind) {
		w, err := compressor(kind, out, o)
		if err != nil {
			panic(rt.nodeRangeErrorPlain("ERR_OUT_OF_RANGE", err.Error()))
		}
		rt.zlibWrite(w, in, out)
		if err := w.Close(); err != nil {
			if out.overflow {
				out.throwCap()
			}
			rt.throwZlib(kind, err)
		}
		return out.buf.Bytes()
	}
	if kind == "inflateRaw" && len(in) == 0 {
		return nil
	}
	r, err := decompressor(kind, bytes.NewReader(in), in, o)
	if err != nil {
		rt.throwZlib(kind, err)
	}
	buf := make([]byte, zlibStep)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if _, werr := out.Write(buf[:n]); werr != nil {
				out.throwCap()
			}
			rt.poll()
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			rt.throwZlib(kind, err)
		}
	}
	return out.buf.Bytes()
}

// zlibWrite feeds in to w in steps, polling the interrupt between them.
func (rt *runtime) zlibWrite(w io.Writer, in []byte, out *cappedBuffer) {
	for len(in) > 0 {
		n := min(len(in), zlibStep)
		if _, err := w.Write(in[:n]); err != nil {
			if out.overflow {
				out.throwCap()
			}
			panic(rt.jsError("Error", err.Error()))
		}
		in = in[n:]
		rt.poll()
	}
}

// zlibHost is the Go side of lib/zlib.js.
func (rt *runtime) zlibHost() goja.Value {
	vm := rt.vm
	h := vm.NewObject()
	bytesArg := func(v goja.Value) []byte {
		b, ok := rt.viewBytes(v)
		if !ok {
			panic(rt.nodeTypeError("ERR_INVALID_ARG_TYPE", `The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.`))
		}
		return b
	}
	// run(kind, bytes, opts): the sync forms.
	_ = h.Set("run", func(c goja.FunctionCall) goja.Value {
		kind := c.Argument(0).String()
		out := rt.zlibRun(kind, bytesArg(c.Argument(1)), rt.zlibOptions(c.Argument(2)))
		return vm.ToValue(vm.NewArrayBuffer(out))
	})
	_ = h.Set("crc32", func(c goja.FunctionCall) goja.Value {
		init := uint32(c.Argument(1).ToInteger())
		var b []byte
		if s, ok := c.Argument(0).(goja.String); ok {
			rt.checkStringArg("crc32's data", s, 3)
			b = []byte(s.String())
		} else {
			b = bytesArg(c.Argument(0))
		}
		return vm.ToValue(crc32.Update(init, crc32.IEEETable, b))
	})
	// stream(kind, opts): a handle with write(bytes) → ArrayBuffer of the
	// output so far, flush() → the same after a sync flush, end() → the
	// rest.
	_ = h.Set("stream", func(c goja.FunctionCall) goja.Value {
		kind := c.Argument(0).String()
		o := rt.zlibOptions(c.Argument(1))
		handle := vm.NewObject()
		take := func(out *cappedBuffer) goja.Value {
			b := bytes.Clone(out.buf.Bytes())
			out.buf.Reset()
			return vm.ToValue(vm.NewArrayBuffer(b))
		}
		if isCompress(kind) {
			out := rt.newCapped(zlibOpts{})
			w, err := compressor(kind, out, o)
			if err != nil {
				panic(rt.nodeRangeErrorPlain("ERR_OUT_OF_RANGE", err.Error()))
			}
			_ = handle.Set("write", func(c goja.FunctionCall) goja.Value {
				rt.zlibWrite(w, bytesArg(c.Argument(0)), out)
				return take(out)
			})
			_ = handle.Set("flush", func(goja.FunctionCall) goja.Value {
				if f, ok := w.(interface{ Flush() error }); ok {
					if err := f.Flush(); err != nil {
						rt.throwZlib(kind, err)
					}
				}
				return take(out)
			})
			_ = handle.Set("end", func(goja.FunctionCall) goja.Value {
				if err := w.Close(); err != nil {
					if out.overflow {
						out.throwCap()
					}
					rt.throwZlib(kind, err)
				}
				return take(out)
			})
			return handle
		}
		var in bytes.Buffer
		max := rt.e.cfg.MaxTypedArrayBytes
		_ = handle.Set("write", func(c goja.FunctionCall) goja.Value {
			b := bytesArg(c.Argument(0))
			if int64(in.Len())+int64(len(b)) > max {
				rt.tooManyBytes("a decompression stream's input", float64(in.Len()+len(b)))
			}
			in.Write(b)
			return goja.Undefined()
		})
		_ = handle.Set("flush", func(goja.FunctionCall) goja.Value { return goja.Undefined() })
		_ = handle.Set("end", func(goja.FunctionCall) goja.Value {
			out := rt.zlibRun(kind, in.Bytes(), o)
			in = bytes.Buffer{}
			return vm.ToValue(vm.NewArrayBuffer(out))
		})
		return handle
	})
	return h
}

// jsError is a new error of the standard constructor ctor (Error,
// TypeError, …) with msg.
func (rt *runtime) jsError(ctor, msg string) *goja.Object {
	vm := rt.vm
	if c, ok := goja.AssertConstructor(vm.Get(ctor)); ok {
		if e, err := c(nil, vm.ToValue(msg)); err == nil {
			return e
		}
	}
	return vm.NewGoError(errors.New(msg))
}
