// Command libgen bundles the npm ports that some built-in modules are made
// from into engine/lib, reproducibly:
//
//	cd engine/libgen && npm ci --ignore-scripts && cd ../.. && go run ./engine/libgen
//
// (scripts/node-lib.sh does both, and with -check only compares: the
// freshness check for CI). The versions are pinned in package-lock.json.
//
// Which ports, and why (each matched Node 20 in engine's tests):
//
//   - stream: readable-stream 4, Node's own lib/stream.js and
//     lib/internal/streams/* extracted by the Node.js project (v18.19).
//   - string_decoder: string_decoder 1.3, Node's string_decoder.js.
//   - path: path-browserify 1.0.1, Node's path.posix (v10.3; the module
//     adds what later versions have).
//   - punycode: punycode 2, the code Node's deprecated punycode module is.
//   - the Web streams (internal/web-streams-polyfill, wrapped by
//     lib/streams.js): web-streams-polyfill 4's ponyfill, the WHATWG
//     reference implementation's port, which passes WPT's streams tests.
//
// Each output is a module body as engine/modules.go runs it
// (exports, require, module, host): Node built-ins stay require calls,
// answered by the engine's own modules, so "events", "buffer",
// "string_decoder" and "process" inside readable-stream are ours. The
// syntax goja cannot run or cannot interrupt is lowered as the bundler
// lowers functions' bundles (object spread and rest, async generators,
// for-await).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/evanw/esbuild/pkg/api"
)

// ports: output file under engine/lib → the entry's source (resolved in
// engine/libgen, where node_modules is).
var ports = []struct{ out, entry string }{
	{"stream.gen.js", "module.exports = require('readable-stream/lib/stream.js');"},
	{"string_decoder.gen.js", "module.exports = require('string_decoder/lib/string_decoder.js');"},
	{"path.gen.js", "module.exports = require('path-browserify');"},
	{"punycode.gen.js", "module.exports = require('punycode/punycode.js');"},
	{"web-streams-polyfill.js", "module.exports = require('web-streams-polyfill/dist/ponyfill.js');"},
}

// builtins leaves Node's built-ins to the engine's require (readable-stream
// asks for "process/" and string_decoder for "safe-buffer": the same ones),
// and answers "abort-controller" with shims/abort-controller.js (the
// global classes, or a minimal pair where they are missing).
func builtins(shims string) api.Plugin {
	return api.Plugin{
		Name: "builtins",
		Setup: func(b api.PluginBuild) {
			to := map[string]string{
				"buffer": "buffer", "events": "events", "string_decoder": "string_decoder",
				"string_decoder/": "string_decoder", "process": "process", "process/": "process", "util": "util", "safe-buffer": "buffer",
			}
			b.OnResolve(api.OnResolveOptions{Filter: `^abort-controller$`},
				func(a api.OnResolveArgs) (api.OnResolveResult, error) {
					return api.OnResolveResult{Path: filepath.Join(shims, "abort-controller.js")}, nil
				})
			b.OnResolve(api.OnResolveOptions{Filter: `^(buffer|events|string_decoder/?|process/?|util|safe-buffer)$`},
				func(a api.OnResolveArgs) (api.OnResolveResult, error) {
					return api.OnResolveResult{Path: to[a.Path], External: true}, nil
				})
		},
	}
}

func main() {
	check := flag.Bool("check", false, "compare with the committed files instead of writing them")
	root := flag.String("root", ".", "the repository's root")
	flag.Parse()
	dir, err := filepath.Abs(filepath.Join(*root, "engine", "libgen"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	stale := false
	for _, p := range ports {
		out, err := build(dir, p.entry)
		if err != nil {
			fmt.Fprintln(os.Stderr, p.out+":", err)
			os.Exit(1)
		}
		dst := filepath.Join(*root, "engine", "lib", p.out)
		if *check {
			old, _ := os.ReadFile(dst)
			if !bytes.Equal(old, out) {
				fmt.Fprintf(os.Stderr, "%s is stale: run scripts/node-lib.sh\n", dst)
				stale = true
			}
			continue
		}
		if err := os.WriteFile(dst, out, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if stale {
		os.Exit(1)
	}
}

func build(dir, entry string) ([]byte, error) {
	res := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   entry,
			ResolveDir: dir,
			Sourcefile: "entry.js",
		},
		Bundle:   true,
		Write:    false,
		Format:   api.FormatCommonJS,
		Platform: api.PlatformNeutral,
		// The same lowering as functions' bundles (bundler.supported).
		Target: api.ES2022,
		Supported: map[string]bool{
			"async-generator":      false,
			"for-await":            false,
			"regexp-match-indices": false,
			"regexp-set-notation":  false,
			"object-rest-spread":   false,
		},
		MainFields:        []string{"browser", "main"},
		Conditions:        []string{"browser", "require", "default"},
		Plugins:           []api.Plugin{builtins(filepath.Join(dir, "shims"))},
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsInline,
		MinifySyntax:      true,
		MinifyWhitespace:  true,
		LogLevel:          api.LogLevelSilent,
		AbsWorkingDir:     dir,
		TreeShaking:       api.TreeShakingTrue,
		IgnoreAnnotations: false,
	})
	if len(res.Errors) > 0 {
		m := res.Errors[0]
		if m.Location != nil {
			return nil, fmt.Errorf("%s:%d: %s", m.Location.File, m.Location.Line, m.Text)
		}
		return nil, fmt.Errorf("%s", m.Text)
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("esbuild made %d files", len(res.OutputFiles))
	}
	head := "// Code generated by engine/libgen from npm packages (versions in engine/libgen/package-lock.json); DO NOT EDIT.\n"
	return append([]byte(head), res.OutputFiles[0].Contents...), nil
}
