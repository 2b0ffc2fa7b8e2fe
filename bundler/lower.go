package bundler

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// supported is the syntax esbuild must lower for goja.
//
// The set was found by compiling and running a corpus of modern syntax in
// goja itself (testdata/syntax, run by TestSyntaxCorpus through the
// bundler and the engine and compared with node). goja parses and runs
// ES2022 (class fields, static blocks, private methods and fields, #x in
// obj, logical assignment, optional chaining, ??, numeric separators,
// BigInt, **, regexp named groups, lookbehind and the s flag, hashbang)
// but not:
//
//   - async generators and for-await ("Async generators are not
//     supported yet"): esbuild lowers them to generator helpers;
//   - the regexp d and v flags ("Invalid flags supplied to RegExp
//     constructor" fails the whole script): esbuild moves such a literal
//     to a run-time RegExp call, so only that call throws;
//   - decorators, class auto-accessors (accessor x) and using / await
//     using: lowered (the ES2022 target implies it; listed so that a later
//     target cannot let them through);
//   - import() and import.meta, which a classic script cannot contain:
//     import() of a bundled file becomes a promise of its module, of a
//     built-in a promise of require(name); import.meta becomes an empty
//     object (esbuild warns).
//
// Class fields named get, set or async also fail to parse; lowering them
// is costly, so a bundle gets it only when it needs it (fallbackSupported).
//
// Top-level await cannot be lowered into a classic script: esbuild reports
// it as a build error at the await. goja also rejects one valid binding
// pattern no esbuild setting rewrites (a property whose value is an array
// pattern with an element default and a default of its own,
// const {k: [x = 1] = []} = o); the corpus pins it.
//
// goja runs object spread ({...x}) and object rest (const {a, ...r} = x)
// as one native loop that no interrupt reaches: {...new Uint8Array(2**22)}
// made 4 Mi properties in one call, for 29 s and 1.5 GB. Lowered, they are
// esbuild's small helpers (__spreadValues, __objRest), whose for...in loop
// goja runs instruction by instruction, so the deadline and the memory
// watchdog stop it.
func supported() map[string]bool {
	return map[string]bool{
		"async-generator":      false,
		"for-await":            false,
		"regexp-match-indices": false,
		"regexp-set-notation":  false,
		"decorators":           false,
		"using":                false,
		"dynamic-import":       false,
		"import-meta":          false,
		"object-rest-spread":   false,
	}
}

// fallbackSupported is supported with class fields lowered too: what a
// bundle is rebuilt with when Options.Check says goja cannot parse it.
//
// goja's parser takes a class field named get, set or async
// (class C { set = f }, hono's Context) for the start of an accessor or an
// async method and fails with "Unexpected token =". esbuild moves fields
// into the constructor (__publicField(this, "set", f), with define
// semantics) and, to keep their order, private fields too: #x becomes a
// WeakMap, which made lru-cache's get/set loop 6 to 9 times slower in goja.
// So only a bundle that needs it pays for it.
func fallbackSupported() map[string]bool {
	m := supported()
	m["class-field"] = false
	m["class-static-field"] = false
	return m
}

// MaxLowerSource is the longest script Lower and LowerBundle rewrite, in
// bytes: esbuild's parse is one Go call no deadline reaches.
const MaxLowerSource = 8 << 20

// lowered reports whether esbuild's output uses one of the helpers that
// object spread and rest are lowered to. Transform does not rename them
// (no identifier minification; a clash adds a digit), so output without
// them had no object spread or rest to lower, and its input can be used
// as it is: the same bytes (a bundle's hash, which tarsus push compares
// with its own build, stays the same) and the same positions.
func lowered(out []byte) bool {
	for _, h := range [...]string{"__spreadValues", "__spreadProps", "__objRest"} {
		if bytes.Contains(out, []byte(h)) {
			return true
		}
	}
	return false
}

// needsLowering reports whether code may contain syntax that Lower
// rewrites: object spread and rest need the "..." token, which has no
// escaped form.
func needsLowering(code string) bool { return strings.Contains(code, "...") }

// Lower rewrites the syntax of a script that goja cannot run or cannot
// interrupt (object spread and rest; see the package documentation) as
// Build does for bundles, for code compiled at run time (eval, new
// Function). The script may have a top-level return (the engine wraps it
// in a function). Code without object spread or rest comes back
// unchanged.
// An error is a syntax error, whose message names the line and column.
func (b *Bundler) Lower(code string) (string, error) {
	if !needsLowering(code) {
		return code, nil
	}
	if len(code) > MaxLowerSource {
		return "", fmt.Errorf("code compiled at run time with spread syntax is %d bytes; the limit is %d", len(code), MaxLowerSource)
	}
	res := api.Transform(code, api.TransformOptions{
		LogLevel:      api.LogLevelSilent,
		Target:        api.ES2022,
		Supported:     supported(),
		Charset:       api.CharsetUTF8,
		LegalComments: api.LegalCommentsNone,
	})
	if len(res.Errors) > 0 {
		return "", transformError(res.Errors[0])
	}
	if !lowered(res.Code) {
		return code, nil
	}
	return string(res.Code), nil
}

func transformError(m api.Message) error {
	if m.Location != nil {
		return fmt.Errorf("%s (%d:%d)", m.Text, m.Location.Line, m.Location.Column+1)
	}
	return errors.New(m.Text)
}

// LowerBundle lowers a bundle built elsewhere (tarsus push builds bundles
// on the user's machine, and a client can upload any script): the server
// must not run object spread or rest natively whoever bundled the code.
// smap is the bundle's source map, or nil; the result's map is composed
// with it, so positions still point at the user's files. A bundle without
// object spread or rest (tarsus push's bundles are already lowered) comes
// back as it is. The code keeps its last line if
// that is a "//# sourceMappingURL=" comment.
func (b *Bundler) LowerBundle(code, smap []byte) ([]byte, []byte, error) {
	if !bytes.Contains(code, []byte("...")) {
		return code, smap, nil
	}
	if len(code)+len(smap) > MaxLowerSource {
		return nil, nil, fmt.Errorf("the bundle uses spread syntax and is %d bytes with its map; the limit for a bundle the server must rewrite is %d", len(code)+len(smap), MaxLowerSource)
	}
	body, trailer := code, []byte(nil)
	if i := bytes.LastIndex(code, []byte("\n"+mapComment)); i >= 0 && !bytes.Contains(code[i+1:], []byte("\n")) {
		body, trailer = code[:i], code[i:]
	}
	src := string(body)
	opts := api.TransformOptions{
		LogLevel:         api.LogLevelSilent,
		Target:           api.ES2022,
		Supported:        supported(),
		Charset:          api.CharsetUTF8,
		LegalComments:    api.LegalCommentsNone,
		MinifyWhitespace: b.minify,
		Sourcefile:       "bundle.js",
	}
	if smap != nil {
		// esbuild composes an inline input map with its own.
		src += "\n" + mapComment + "data:application/json;base64," + base64.StdEncoding.EncodeToString(smap) + "\n"
		opts.Sourcemap = api.SourceMapExternal
		opts.SourcesContent = api.SourcesContentExclude
	}
	res := api.Transform(src, opts)
	if len(res.Errors) > 0 {
		return nil, nil, transformError(res.Errors[0])
	}
	if !lowered(res.Code) {
		return code, smap, nil
	}
	out := bytes.TrimRight(res.Code, "\n")
	if trailer != nil {
		out = append(out, trailer...)
	}
	var outMap []byte
	if smap != nil {
		m, err := rewriteMap(res.Map, "")
		if err != nil {
			return nil, nil, err
		}
		outMap = m
	}
	return out, outMap, nil
}
