package bundler

import (
	"fmt"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// memNamespace is the esbuild namespace of in-memory files; it prefixes
// file names in esbuild's messages and source maps and is stripped from
// both.
const memNamespace = "tarsus"

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
	plugin := b.memoryPlugin(files)
	check := func(entry string) *Error {
		if _, ok := files[entry]; !ok {
			return &Error{File: entry, Text: fmt.Sprintf("entry %q is not among the files", entry)}
		}
		return checkEntry(entry)
	}
	options := func(entry string) api.BuildOptions {
		o := b.baseOptions()
		o.AbsWorkingDir = "/"
		o.Outfile = "/__tarsus_out.js"
		o.EntryPoints = []string{entry}
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

// memoryPlugin resolves every import against files and loads from it.
func (b *Bundler) memoryPlugin(files map[string][]byte) api.Plugin {
	return api.Plugin{
		Name: "tarsus-memory",
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				return b.resolveMemory(files, args), nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: memNamespace}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
				src, ok := files[args.Path]
				if !ok {
					return api.OnLoadResult{}, fmt.Errorf("file %q is not among the files", args.Path)
				}
				contents := string(src)
				return api.OnLoadResult{Contents: &contents, Loader: loaderFor(args.Path)}, nil
			})
		},
	}
}

func (b *Bundler) resolveMemory(files map[string][]byte, args api.OnResolveArgs) api.OnResolveResult {
	spec := args.Path
	switch {
	case args.Kind == api.ResolveEntryPoint:
		// Entries were checked against files before the build.
		return api.OnResolveResult{Path: spec, Namespace: memNamespace}
	case spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../"):
		return resolveRelative(files, args.Importer, spec)
	case strings.HasPrefix(spec, "/"):
		return errorResult(fmt.Sprintf("Could not resolve %q: absolute imports are not allowed; import files relative to the importing file (\"./x\", \"../_lib/x\")", spec))
	}
	if name, ok := builtinName(spec); ok {
		return b.builtinResult(spec, name)
	}
	return errorResult(fmt.Sprintf("Could not resolve %q: %s", spec, npmHint))
}

// resolveRelative resolves the relative import spec of the file importer
// against files, the way TypeScript does: the exact file, then "x.js" as
// "x.ts" (and ".mjs" as ".mts"), then each importable extension, then the
// folder's index file.
func resolveRelative(files map[string][]byte, importer, spec string) api.OnResolveResult {
	joined := path.Join(path.Dir(importer), spec)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return errorResult(fmt.Sprintf("Could not resolve %q: the import leaves the functions folder", spec))
	}
	dirOnly := strings.HasSuffix(spec, "/") || spec == "." || spec == ".." || joined == "."
	var cands []string
	if !dirOnly {
		if _, ok := files[joined]; ok && importableExt(joined) == "" {
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
		if _, ok := files[c]; ok && importableExt(c) != "" {
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
