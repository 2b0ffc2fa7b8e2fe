// Package bundler turns the TypeScript and JavaScript files of a Tarsus
// function set into one self-contained script per route, using esbuild.
//
// Two entry points share one output format:
//
//   - [Bundler.Build] works in memory on the files a user uploaded (the
//     server side): only relative imports between those files, and the few
//     Node built-ins the engine provides ([Options.Builtins]), can be
//     resolved. npm packages must be bundled on the user's machine.
//   - [Bundler.BuildDir] works on a folder on disk (the "tarsus push" side)
//     and also bundles npm packages from node_modules.
//
// [Bundler.BuildLazy] is Build for files read on demand (the server reads
// from its store only what the rebuilt routes import).
//
// # Output
//
// Each route becomes an IIFE script that, when run, assigns the global
// variable [GlobalName] an object whose "default" is the route's default
// export (an empty object when it has none). A generated entry module
// (__tarsus_entry.js, also named in source maps) imports the route and
// reads only its default export, so esbuild binds it directly: no module
// namespace object or export getters are built when a runtime loads the
// function. Bundles of earlier versions assigned the whole namespace; both
// shapes have a "default". The code targets ES2022 with what goja cannot
// parse lowered (async generators, for-await, decorators, auto-accessors,
// using, import() and import.meta) and regexp literals with the d or v
// flag moved to run time; lower.go lists the set and how it was found
// (the syntax corpus in testdata/syntax, which TestSyntaxCorpus runs
// through the bundler and the engine and compares with node). With
// [Options.Check] (the engine's parser) each bundle is checked; one the
// runtime still cannot parse (a class field named get, set or async) is
// rebuilt with class fields lowered too, which costs private fields their
// speed and so is done only where needed; one that cannot be parsed even
// then fails to build, with the runtime's error.
// Object spread and rest are lowered as well
// ({...x}, const {a, ...r} = x): goja runs them as
// one native loop no deadline reaches ({...new Uint8Array(2**22)} ran 29 s),
// esbuild's helpers as a for...in loop goja interrupts. The one difference
// from native spread: `const {...r} = null` (rest with no other key)
// gives {} instead of throwing a TypeError.
// [Bundler.LowerBundle] does the same to a bundle built elsewhere (tarsus
// push), composing its source map, and [Bundler.Lower] to code compiled at
// run time (eval, new Function), for the engine. Allowed built-ins
// stay external and are loaded with a call to a global require("buffer")
// (the "node:" form is rewritten to the bare name), which the engine must
// define. process.env.NODE_ENV is replaced by "production".
//
// With [Options.SourceMap] the code ends with a line
// "//# sourceMappingURL=" + [MapName](route), and Output.Map holds the JSON
// source map, whose sources are the user's paths relative to the functions
// folder (for example "orders/create.ts", "_lib/db.ts") and which carries no
// sourcesContent: the sources are stored separately.
//
// Output is deterministic: the same files give the same bytes.
//
// Output.Inputs lists the files a bundle was built from (from esbuild's
// metafile), so that a caller can tell which bundles a changed file
// affects; [ImportKey] tells which bundles a new file might affect.
//
// # Packages
//
// npm packages are resolved as Cloudflare's wrangler resolves them for
// Workers: the package.json "exports" conditions workerd, worker and
// browser (then import or require, as the file is imported, and default),
// esbuild's browser platform, so the "browser" field is honoured (an entry
// file, or a map that swaps or disables files), and the main fields
// browser, module, main. A package with a Worker or browser build gets it
// instead of its Node build.
//
// # File rules
//
// [Classify], [RouteOf] and [CheckPath] are the rules the server and the
// CLI share for which uploaded files are routes, which are shared modules,
// and which paths are acceptable at all.
//
// # Errors
//
// Build problems come back as [Errors], a list of [Error] values with the
// file, 1-based line and column, message and source line, collected across
// all entries of a call. esbuild does no type checking, so type errors are
// not reported; unused and type-only imports are dropped without being
// resolved.
package bundler
