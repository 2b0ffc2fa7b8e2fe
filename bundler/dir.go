package bundler

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// disabledNamespace holds the empty modules that stand for built-ins a
// package's "browser" field disables.
const disabledNamespace = "tarsus-disabled"

// skipBuiltinCheck marks a resolve the disk plugin started itself, so that
// its own callback lets esbuild's resolver handle it.
type skipBuiltinCheck struct{}

// BuildDir bundles the route entries (slash-separated paths relative to
// functionsDir) with everything they import from disk: relative imports
// (also outside functionsDir), and npm packages (ESM or CommonJS) from the
// nearest node_modules folder at or above the importing file, as esbuild
// resolves them; a tsconfig.json there is honoured. The output format and
// the built-in rules are Build's, except that a built-in name without
// "node:" that is not allowed (e.g. "events") is bundled from node_modules
// when a package of that name is installed there.
//
// Error files and source map sources are relative to functionsDir ("../"
// for files above it, such as a project's node_modules).
func (b *Bundler) BuildDir(functionsDir string, entries []string) ([]Output, error) {
	absDir, err := filepath.Abs(functionsDir)
	if err == nil {
		var fi os.FileInfo
		if fi, err = os.Stat(absDir); err == nil && !fi.IsDir() {
			err = fmt.Errorf("%s is not a folder", absDir)
		}
	}
	if err != nil {
		return nil, Errors{{File: functionsDir, Text: "functions folder: " + err.Error()}}
	}
	plugin := b.diskPlugin()
	check := func(entry string) *Error {
		if e := checkEntry(entry); e != nil {
			return e
		}
		fi, err := os.Stat(filepath.Join(absDir, filepath.FromSlash(entry)))
		if err == nil && !fi.Mode().IsRegular() {
			err = fmt.Errorf("not a regular file")
		}
		if err != nil {
			return &Error{File: entry, Text: fmt.Sprintf("entry %q: %v", entry, err)}
		}
		return nil
	}
	options := func(entry string) api.BuildOptions {
		o := b.baseOptions()
		o.AbsWorkingDir = absDir
		// The output file sits in functionsDir (it is never written) so that
		// esbuild makes source map sources relative to functionsDir.
		o.Outfile = filepath.Join(absDir, "__tarsus_out.js")
		o.Stdin = entryStdin("./"+entry, absDir)
		o.Plugins = []api.Plugin{plugin}
		return o
	}
	return b.buildAll(entries, check, options, "")
}

// diskPlugin applies the built-in rules to bare imports and leaves every
// other import to esbuild's resolver.
func (b *Bundler) diskPlugin() api.Plugin {
	return api.Plugin{
		Name: "tarsus-builtins",
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `^[^./]`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
				if _, skip := args.PluginData.(skipBuiltinCheck); skip {
					return api.OnResolveResult{}, nil
				}
				name, ok := builtinName(args.Path)
				if !ok {
					return api.OnResolveResult{}, nil
				}
				if !b.builtins[name] && !strings.HasPrefix(args.Path, "node:") && !isTarsusModule(args.Path) {
					// An npm polyfill of the same name may be installed.
					r := pb.Resolve(args.Path, api.ResolveOptions{
						Importer:   args.Importer,
						Namespace:  args.Namespace,
						ResolveDir: args.ResolveDir,
						Kind:       args.Kind,
						PluginData: skipBuiltinCheck{},
						With:       args.With,
					})
					if len(r.Errors) == 0 && r.Path != "" {
						if (r.Namespace == "file" || r.Namespace == "") && !filepath.IsAbs(r.Path) {
							// A package.json "browser" map disabled the
							// module ("fs": false): esbuild's resolver says
							// so with a bare path, which a plugin cannot
							// hand back; an empty module is what esbuild
							// makes of it.
							return api.OnResolveResult{Path: r.Path, Namespace: disabledNamespace}, nil
						}
						res := api.OnResolveResult{Path: r.Path, Namespace: r.Namespace, External: r.External, Suffix: r.Suffix, PluginData: r.PluginData}
						if !r.SideEffects {
							res.SideEffects = api.SideEffectsFalse
						}
						return res, nil
					}
				}
				return b.builtinResult(args.Path, name), nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: disabledNamespace}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
				empty := ""
				return api.OnLoadResult{Contents: &empty, Loader: api.LoaderJS}, nil
			})
		},
	}
}
