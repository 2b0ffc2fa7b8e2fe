package bundler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/evanw/esbuild/pkg/api"
)

// GlobalName is the global variable a bundle assigns to when run: an object
// whose "default" property is the route's default export, or an empty
// object when the route has no default export.
const GlobalName = "__tarsus_mod"

// entryName is the file name of the generated entry module (esbuild's
// stdin) that imports a route and hands its default export to the runtime.
const entryName = "__tarsus_entry.js"

// entryStdin is the generated entry for a route imported as spec. Reading
// only the namespace's "default" lets esbuild bind it directly: no
// namespace object, no export getters, nothing else for the runtime to run
// when it loads the function.
func entryStdin(spec, resolveDir string) *api.StdinOptions {
	q, _ := json.Marshal(spec)
	return &api.StdinOptions{
		Contents: "import * as m from " + string(q) + ";\n" +
			"globalThis." + GlobalName + " = m.default === void 0 ? {} : { default: m.default };\n",
		ResolveDir: resolveDir,
		Sourcefile: entryName,
		Loader:     api.LoaderJS,
	}
}

// Options configures a Bundler. The zero value is ready to use.
type Options struct {
	// NoMinify turns minification (whitespace, identifiers, syntax) off.
	// Optional. Default: false, output is minified.
	NoMinify bool
	// SourceMap makes every Output carry a source map in Map and end its Code
	// with "\n//# sourceMappingURL=" + MapName(route).
	// Optional. Default: false, no source map.
	SourceMap bool
	// Builtins are the Node built-in modules functions may import, and
	// Tarsus's own modules ("tarsus:kv", kept with their prefix); the
	// engine's global require must provide them. Each may be given with or
	// without "node:"; both forms are allowed and the bundle always calls
	// require with the bare name. Importing any other built-in is an Error.
	// Optional. Default (nil): "buffer", "url", "util". An empty non-nil
	// slice allows none.
	Builtins []string
	// Check reports whether the runtime can parse a bundle (the engine's
	// CheckSyntax). When set, every bundle is checked; one the runtime
	// cannot parse is rebuilt with more syntax lowered (class fields, see
	// lower.go), and if it still cannot be parsed, its build fails with the
	// runtime's error instead of its deploy.
	// Optional. Default: nil, bundles are not checked.
	Check func(code []byte) error
	// Logger receives a debug record per bundle and esbuild's warnings.
	// Optional. Default: discard.
	Logger *slog.Logger
}

// Bundler bundles function sets. It is safe for concurrent use.
type Bundler struct {
	minify    bool
	sourceMap bool
	builtins  map[string]bool // bare names
	allowed   string          // human list of builtins, for messages
	check     func([]byte) error
	log       *slog.Logger
}

// Output is the bundle of one route.
type Output struct {
	// Path is the entry file, as given ("orders/create.ts").
	Path string
	// Route is RouteOf(Path) ("orders/create").
	Route string
	// Code is the IIFE script; see the package documentation.
	Code []byte
	// Map is the JSON source map, nil unless Options.SourceMap.
	Map []byte
	// Inputs are the files this bundle was built from, sorted: the entry
	// and every file it imports, directly or not, that esbuild loaded (from
	// its metafile). Build names them as its files map does
	// ("_lib/db.ts"); BuildDir relative to the functions folder, with "/"
	// ("../node_modules/zod/lib/index.mjs" for a file above it). Allowed
	// built-ins are not files and are not listed, nor are imports esbuild
	// dropped without resolving them (unused or type-only). A change to any
	// other file cannot change this bundle, unless it changes what an import
	// resolves to (see ImportKey).
	Inputs []string
	// Duration is how long bundling this entry took.
	Duration time.Duration
}

// New returns a Bundler configured by opts.
func New(opts Options) *Bundler {
	b := &Bundler{
		minify:    !opts.NoMinify,
		sourceMap: opts.SourceMap,
		builtins:  map[string]bool{},
		check:     opts.Check,
		log:       opts.Logger,
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	list := opts.Builtins
	if list == nil {
		list = defaultBuiltins()
	}
	var names []string
	for _, n := range list {
		n = strings.TrimPrefix(n, "node:")
		if n != "" && !b.builtins[n] {
			b.builtins[n] = true
			names = append(names, n)
		}
	}
	slices.Sort(names)
	b.allowed = "none are available"
	if len(names) > 0 {
		b.allowed = "available: " + strings.Join(names, ", ")
	}
	return b
}

// baseOptions are the esbuild options shared by Build and BuildDir.
func (b *Bundler) baseOptions() api.BuildOptions {
	o := api.BuildOptions{
		LogLevel: api.LogLevelSilent,
		Bundle:   true,
		Write:    false,
		Format:   api.FormatIIFE,
		// Packages are resolved as Cloudflare's wrangler resolves them for
		// Workers: its conditions, and esbuild's browser platform (its
		// default), which honours the package.json "browser" field (a
		// string entry, and a map that swaps or disables files) and reads
		// the main fields browser, module, main. The import or require
		// condition follows how each file is imported; default always
		// applies; node never does. As in Node, a package's "exports"
		// match in the package's own key order. So a package with a worker or browser build (nanoid,
		// uuid, jose, axios) gets it instead of its Node build.
		Platform:          api.PlatformBrowser,
		Conditions:        workerConditions(),
		MainFields:        []string{"browser", "module", "main"},
		Target:            api.ES2022,
		Supported:         supported(),
		Define:            map[string]string{"process.env.NODE_ENV": `"production"`},
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsNone,
		MinifyWhitespace:  b.minify,
		MinifyIdentifiers: b.minify,
		MinifySyntax:      b.minify,
		Sourcemap:         api.SourceMapNone,
		// For Output.Inputs.
		Metafile: true,
	}
	if b.sourceMap {
		o.Sourcemap = api.SourceMapLinked
		o.SourcesContent = api.SourcesContentExclude
	}
	return o
}

// workerConditions are the package.json "exports" conditions wrangler
// gives esbuild for every Worker build (its getBuildConditions), in its
// order.
func workerConditions() []string { return []string{"workerd", "worker", "browser"} }

// builtinResult resolves the Node built-in name (spec without "node:"):
// external if allowed, an error otherwise.
func (b *Bundler) builtinResult(spec, name string) api.OnResolveResult {
	if b.builtins[name] {
		return api.OnResolveResult{Path: name, External: true}
	}
	if isTarsusModule(spec) {
		return errorResult(fmt.Sprintf("%q is not a Tarsus module (%s)", spec, b.allowed))
	}
	return errorResult(fmt.Sprintf("Node built-in %q is not available in Tarsus functions (%s)", spec, b.allowed))
}

func errorResult(text string) api.OnResolveResult {
	return api.OnResolveResult{Errors: []api.Message{{Text: text}}}
}

// buildAll runs one esbuild build per entry, at most GOMAXPROCS at a time.
// check validates an entry before it is built; options returns the esbuild
// options for it. It returns the outputs in entry order, or every error of
// every entry.
func (b *Bundler) buildAll(entries []string, check func(entry string) *Error, options func(entry string) api.BuildOptions, srcPrefix string) ([]Output, error) {
	outs := make([]Output, len(entries))
	errs := make([]Errors, len(entries))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(entries)) {
		wg.Go(func() {
			for i := range work {
				entry := entries[i]
				if e := check(entry); e != nil {
					errs[i] = Errors{*e}
					continue
				}
				outs[i], errs[i] = b.buildOne(entry, options(entry), srcPrefix)
			}
		})
	}
	for i := range entries {
		work <- i
	}
	close(work)
	wg.Wait()

	var all Errors
	for _, es := range errs {
		all = append(all, es...)
	}
	if len(all) > 0 {
		return nil, all.normalize()
	}
	return outs, nil
}

// buildOne runs esbuild for one entry and shapes its output.
func (b *Bundler) buildOne(entry string, opts api.BuildOptions, srcPrefix string) (Output, Errors) {
	route := RouteOf(entry)
	start := time.Now()
	res := api.Build(opts)
	if b.check != nil && len(res.Errors) == 0 {
		if err := b.check(bundleCode(res)); err != nil {
			b.log.Debug("bundle rebuilt with class fields lowered", "fn", route, "err", err)
			opts.Supported = fallbackSupported()
			res = api.Build(opts)
			if len(res.Errors) == 0 {
				if err := b.check(bundleCode(res)); err != nil {
					return Output{}, Errors{{File: entry, Text: "the bundle does not parse in the runtime even with class fields lowered (please report it: valid JavaScript must run): " + err.Error()}}
				}
			}
		}
	}
	dur := time.Since(start)
	for _, w := range res.Warnings {
		ws := convertMessages([]api.Message{w}, entry)
		b.log.Warn("bundle warning", "fn", route, "err", ws.Error())
	}
	if len(res.Errors) > 0 {
		b.log.Debug("bundle failed", "fn", route, "dur_ms", dur.Milliseconds(), "errors", len(res.Errors))
		return Output{}, convertMessages(res.Errors, entry)
	}
	out := Output{Path: entry, Route: route, Duration: dur}
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".map") {
			out.Map = f.Contents
		} else {
			out.Code = f.Contents
		}
	}
	if b.sourceMap {
		var err error
		if out.Map, err = rewriteMap(out.Map, srcPrefix); err != nil {
			return Output{}, Errors{{File: entry, Text: "internal error: " + err.Error()}}
		}
		out.Code = relinkMap(out.Code, route)
	}
	var err error
	if out.Inputs, err = metafileInputs(res.Metafile, srcPrefix); err != nil {
		return Output{}, Errors{{File: entry, Text: "internal error: " + err.Error()}}
	}
	b.log.Debug("bundled", "fn", route, "dur_ms", dur.Milliseconds(), "bytes", len(out.Code))
	return out, nil
}

// bundleCode is the script of a build's output files (not its map).
func bundleCode(res api.BuildResult) []byte {
	for _, f := range res.OutputFiles {
		if !strings.HasSuffix(f.Path, ".map") {
			return f.Contents
		}
	}
	return nil
}

// metafileInputs returns the input files of esbuild's metafile, stripped
// of prefix (the in-memory namespace), sorted.
func metafileInputs(meta, prefix string) ([]string, error) {
	var m struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(meta), &m); err != nil {
		return nil, fmt.Errorf("esbuild metafile: %w", err)
	}
	out := make([]string, 0, len(m.Inputs))
	for in := range m.Inputs {
		if in == entryName || in == "<stdin>" {
			continue
		}
		out = append(out, strings.TrimPrefix(in, prefix))
	}
	slices.Sort(out)
	return out, nil
}

const mapComment = "//# sourceMappingURL="

// relinkMap replaces esbuild's trailing source map comment with one naming
// MapName(route), so that the code ends with it.
func relinkMap(code []byte, route string) []byte {
	if i := bytes.LastIndex(code, []byte("\n"+mapComment)); i >= 0 {
		code = code[:i]
	} else {
		code = bytes.TrimRight(code, "\n")
	}
	return append(code, "\n"+mapComment+MapName(route)...)
}

// sourceMap is the shape of the source maps esbuild writes, in its order.
type sourceMap struct {
	Version        int      `json:"version"`
	File           string   `json:"file,omitempty"`
	Sources        []string `json:"sources"`
	SourceRoot     string   `json:"sourceRoot,omitempty"`
	SourcesContent []any    `json:"sourcesContent,omitempty"`
	Mappings       string   `json:"mappings"`
	Names          []string `json:"names"`
}

// rewriteMap strips prefix from the source names and compacts the JSON.
func rewriteMap(raw []byte, prefix string) ([]byte, error) {
	var sm sourceMap
	if err := json.Unmarshal(raw, &sm); err != nil {
		return nil, fmt.Errorf("esbuild source map: %w", err)
	}
	if prefix != "" {
		for i, s := range sm.Sources {
			sm.Sources[i] = strings.TrimPrefix(s, prefix)
		}
	}
	if sm.Names == nil {
		sm.Names = []string{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sm); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
