package bundler

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// memNamespace is the esbuild namespace of in-memory files; it prefixes
// file names in esbuild's messages and source maps and is stripped from
// both.
const memNamespace = "tarsus"

// entryPrefix marks the route imported by the generated entry.
const entryPrefix = "tarsus-entry:"

// npmHint ends the error for a bare import in an in-memory build.
const npmHint = `npm packages can't be resolved on the server; bundle them locally with "tarsus push"`

// Build bundles each entry (a route path present in files) with the files it
// imports. files maps slash-separated paths relative to the functions folder
// ("orders/create.ts", "_lib/db.ts") to their contents; it is only read.
//
// Imports may be relative ("./x", "../_lib/db", "./x.js" for x.ts, "./dir"
// for dir/index.ts, "./data.json"), type-only or unused (dropped without
// being resolved), or allowed Node built-ins (Options.Builtins). Anything
// else is an Error at the import: a missing file, a path that leaves the
// functions folder, an absolute path, an npm package, another built-in.
//
// Build returns one Output per entry, in order, or an Errors listing every
// problem of every entry (an entry that is missing from files or is not a
// Route is one). It never reads the disk. Minified, its output equals
// BuildDir's for the same files; unminified, esbuild's file comments read
// "// tarsus:orders/create.ts".
func (b *Bundler) Build(files map[string][]byte, entries []string) ([]Output, error) {
	has := func(p string) bool { _, ok := files[p]; return ok }
	read := func(p string) ([]byte, error) { return files[p], nil }
	return b.build(has, read, entries)
}

// BuildLazy is Build for a function set whose contents are read only when a
// build loads them: paths lists every file of the set (what imports can
// resolve to), and read returns the content of one of them. read is called
// only for the entries and the files they import, possibly concurrently
// and more than once for the same path. If read fails, BuildLazy returns
// its first error, wrapped, rather than an Errors.
func (b *Bundler) BuildLazy(paths []string, read func(path string) ([]byte, error), entries []string) ([]Output, error) {
	set := make(map[string]bool, len(paths))
	for _, p := range paths {
		set[p] = true
	}
	var (
		mu      sync.Mutex
		readErr error
	)
	guarded := func(p string) ([]byte, error) {
		src, err := read(p)
		if err != nil {
			err = fmt.Errorf("reading %s: %w", p, err)
			mu.Lock()
			if readErr == nil {
				readErr = err
			}
			mu.Unlock()
		}
		return src, err
	}
	outs, err := b.build(func(p string) bool { return set[p] }, guarded, entries)
	mu.Lock()
	defer mu.Unlock()
	if readErr != nil {
		return nil, readErr
	}
	return outs, err
}

// build is Build and BuildLazy: has says whether a path is among the
// files, read returns its content.
func (b *Bundler) build(has func(string) bool, read func(string) ([]byte, error), entries []string) ([]Output, error) {
	plugin := b.memoryPlugin(has, read)
	check := func(entry string) *Error {
		if !has(entry) {
			return &Error{File: entry, Text: fmt.Sprintf("entry %q is not among the files", entry)}
		}
		return checkEntry(entry)
	}
	options := func(entry string) api.BuildOptions {
		o := b.baseOptions()
		o.AbsWorkingDir = "/"
		o.Outfile = "/__tarsus_out.js"
		o.Stdin = entryStdin(entryPrefix+entry, "/")
		o.Plugins = []api.Plugin{plugin}
		return o
	}
	return b.buildAll(entries, check, options, memNamespace+":")
}

// checkEntry reports why entry cannot be bundled as a route, or nil.
func checkEntry(entry string) *Error {
	if err := CheckPath(entry, 0); err != nil {
		return &Error{File: entry, Text: err.Error()}
	}
	if k := Classify(entry); k != Route {
		return &Error{File: entry, Text: fmt.Sprintf("%q is %s, not a route: routes are .ts .mts .js .mjs files outside \"_\" folders, not named \"_*\", \"*.d.ts\", \"*.test.*\" or \"*.spec.*\"", entry, k)}
	}
	return nil
}

// memoryPlugin resolves every import against the paths has knows and loads
// them with read.
func (b *Bundler) memoryPlugin(has func(string) bool, read func(string) ([]byte, error)) api.Plugin {
	return api.Plugin{
		Name: "tarsus-memory",
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				return b.resolveMemory(has, args), nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: memNamespace}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				if !has(args.Path) {
					return api.OnLoadResult{}, fmt.Errorf("file %q is not among the files", args.Path)
				}
				src, err := read(args.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				contents := string(src)
				return api.OnLoadResult{Contents: &contents, Loader: loaderFor(args.Path)}, nil
			})
		},
	}
}

func (b *Bundler) resolveMemory(has func(string) bool, args api.OnResolveArgs) api.OnResolveResult {
	spec := args.Path
	switch {
	case args.Importer == "/"+entryName && args.Namespace == "file" && strings.HasPrefix(spec, entryPrefix):
		// The generated entry's import of the route, which was checked
		// against files before the build.
		return api.OnResolveResult{Path: strings.TrimPrefix(spec, entryPrefix), Namespace: memNamespace}
	case spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../"):
		return resolveRelative(has, args.Importer, spec)
	case strings.HasPrefix(spec, "/"):
		return errorResult(fmt.Sprintf("Could not resolve %q: absolute imports are not allowed; import files relative to the importing file (\"./x\", \"../_lib/x\")", spec))
	}
	if name, ok := builtinName(spec); ok {
		return b.builtinResult(spec, name)
	}
	return errorResult(fmt.Sprintf("Could not resolve %q: %s", spec, npmHint))
}

// resolveRelative resolves the relative import spec of the file importer
// against the paths has knows, the way TypeScript does: the exact file, then
// "x.js" as "x.ts" (and ".mjs" as ".mts"), then each importable extension,
// then the folder's index file. Every candidate has the ImportKey of the
// joined path.
func resolveRelative(has func(string) bool, importer, spec string) api.OnResolveResult {
	joined := path.Join(path.Dir(importer), spec)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return errorResult(fmt.Sprintf("Could not resolve %q: the import leaves the functions folder", spec))
	}
	dirOnly := strings.HasSuffix(spec, "/") || spec == "." || spec == ".." || joined == "."
	var cands []string
	if !dirOnly {
		if has(joined) && importableExt(joined) == "" {
			return errorResult(fmt.Sprintf("Could not resolve %q: only .ts .mts .js .mjs and .json files can be imported", spec))
		}
		cands = append(cands, joined)
		switch path.Ext(joined) {
		case ".js":
			cands = append(cands, strings.TrimSuffix(joined, ".js")+".ts")
		case ".mjs":
			cands = append(cands, strings.TrimSuffix(joined, ".mjs")+".mts")
		}
		for _, e := range importableExts {
			cands = append(cands, joined+e)
		}
	}
	index := joined + "/index"
	if joined == "." {
		index = "index"
	}
	for _, e := range importableExts {
		cands = append(cands, index+e)
	}
	for _, c := range cands {
		if has(c) && importableExt(c) != "" {
			return api.OnResolveResult{Path: c, Namespace: memNamespace}
		}
	}
	return errorResult(fmt.Sprintf("Could not resolve %q: no file %q (with .ts .mts .js .mjs or .json, or its index file) among the uploaded files", spec, joined))
}

func loaderFor(p string) api.Loader {
	switch path.Ext(p) {
	case ".ts", ".mts":
		return api.LoaderTS
	case ".json":
		return api.LoaderJSON
	default:
		return api.LoaderJS
	}
}
