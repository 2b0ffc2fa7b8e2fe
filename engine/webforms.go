package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"

	"github.com/dop251/goja"
)

// maxFormParts caps the parts of a multipart/form-data body that
// FormData parsing (fetch's formData()) turns into entries.
const maxFormParts = 10000

// formBindings are internal/formdata's Go bindings.
func (rt *runtime) formBindings() goja.Value {
	o := rt.vm.NewObject()
	_ = o.Set("parseMultipart", rt.parseMultipart)
	return o
}

// parseMultipart(bytes, contentType) returns the parts of a
// multipart/form-data body as [{name, filename?, type, data}]. Everything
// it makes is a part of the body it was given (already a bounded byte
// array), at most maxFormParts parts.
func (rt *runtime) parseMultipart(c goja.FunctionCall) goja.Value {
	vm := rt.vm
	body, ok := rt.viewBytes(c.Argument(0))
	if !ok {
		panic(vm.NewTypeError("Could not parse content as FormData."))
	}
	_, params, err := mime.ParseMediaType(c.Argument(1).String())
	if err != nil || params["boundary"] == "" {
		panic(vm.NewTypeError("Could not parse content as FormData: the content-type has no boundary."))
	}
	r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var out []any
	for {
		p, err := r.NextRawPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			panic(vm.NewTypeError("Could not parse content as FormData: " + err.Error()))
		}
		if len(out) >= maxFormParts {
			panic(rt.limitError(fmt.Sprintf("a multipart/form-data body has more than %d parts", maxFormParts)))
		}
		// The part is a piece of body: reading it whole takes at most
		// len(body) bytes.
		data, err := io.ReadAll(io.LimitReader(p, int64(len(body))))
		if err != nil {
			panic(vm.NewTypeError("Could not parse content as FormData: " + err.Error()))
		}
		_, dp, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
		if err != nil {
			panic(vm.NewTypeError("Could not parse content as FormData: a part has no valid Content-Disposition"))
		}
		part := vm.NewObject()
		_ = part.Set("name", dp["name"])
		if fn, has := dp["filename"]; has {
			_ = part.Set("filename", fn)
		}
		_ = part.Set("type", p.Header.Get("Content-Type"))
		_ = part.Set("data", rt.newUint8Array(data))
		out = append(out, part)
	}
	return vm.ToValue(out)
}
