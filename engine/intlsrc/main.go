// Command intlsrc builds engine/lib/intl from the FormatJS polyfills pinned
// in package.json (run `npm ci` here first):
//
//	cd engine/intlsrc && npm ci && cd ../.. && go run ./engine/intlsrc
//
// It bundles each polyfill once with the repository's esbuild (the target
// and lowering the bundler uses for functions), extracts the CLDR data of
// the locales Tarsus ships by running FormatJS's locale-data files in goja,
// and records which language tags each locale's data answers (by loading
// the polyfills in goja, parents first, as the engine will). The output is
// committed; engine's TestIntlBundleFresh rebuilds it and compares.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
)

// polyfills are bundled one file each, in the order a runtime may need
// them (each is made on first use of its constructor).
var polyfills = []string{
	"intl-getcanonicallocales", "intl-locale", "intl-pluralrules", "intl-numberformat",
	"intl-datetimeformat", "intl-relativetimeformat", "intl-listformat", "intl-displaynames",
	"intl-segmenter", "intl-supportedvaluesof",
}

// withData maps the constructors that take CLDR locale data to their
// package.
var withData = map[string]string{
	"PluralRules":        "intl-pluralrules",
	"NumberFormat":       "intl-numberformat",
	"DateTimeFormat":     "intl-datetimeformat",
	"RelativeTimeFormat": "intl-relativetimeformat",
	"ListFormat":         "intl-listformat",
	"DisplayNames":       "intl-displaynames",
}

// Locales is the data Tarsus ships: the major locales and their common
// regional variants. A parent comes before its children (en before
// en-GB): a child's data registers its parent tag as a fallback unless
// the parent is there already.
var Locales = []string{
	"en", "en-GB", "en-AU", "en-CA", "en-IN", "en-IE", "en-NZ",
	"de", "de-AT", "de-CH",
	"fr", "fr-CA", "fr-CH",
	"es", "es-MX", "es-419", "es-US",
	"it", "pt", "pt-PT", "nl",
	"ja", "zh", "zh-Hant", "zh-Hant-HK", "ko", "ru", "ar", "ar-EG", "hi", "pl", "sv", "tr",
	"da", "fi", "nb", "cs", "uk", "he", "id", "th", "vi", "el", "ro", "hu",
}

func main() {
	src := flag.String("src", "engine/intlsrc", "the npm project (with node_modules)")
	out := flag.String("out", "engine/lib/intl", "output directory")
	flag.Parse()
	if err := Build(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "intlsrc:", err)
		os.Exit(1)
	}
}

// Build writes the bundles, locale data and index into out.
func Build(src, out string) error {
	src, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(src, "node_modules", "@formatjs")); err != nil {
		return fmt.Errorf("run `npm ci` in %s first: %w", src, err)
	}
	lock, err := os.ReadFile(filepath.Join(src, "package-lock.json"))
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(out, "locale"), 0o755); err != nil {
		return err
	}
	bundles := map[string][]byte{}
	for _, p := range polyfills {
		b, err := bundle(src, p)
		if err != nil {
			return err
		}
		bundles[p] = b
		if err := os.WriteFile(filepath.Join(out, p+".js"), b, 0o644); err != nil {
			return err
		}
	}

	// Run the polyfills in goja (as the engine does), load every locale's
	// data parents first, and record which tags each locale answers.
	vm := goja.New()
	if _, err := vm.RunString("var Intl = {}; globalThis.Intl = Intl;"); err != nil {
		return err
	}
	for _, p := range polyfills {
		if _, err := vm.RunScript(p+".js", string(bundles[p])); err != nil {
			return fmt.Errorf("%s does not run in goja: %w", p, err)
		}
	}
	perLocale := map[string]map[string]string{}
	ctors := mapKeys(withData)
	slices.Sort(ctors)
	tags := map[string]map[string]string{}
	for _, ctor := range ctors {
		pkg := withData[ctor]
		for _, loc := range Locales {
			file := filepath.Join(src, "node_modules", "@formatjs", pkg, "locale-data", loc+".js")
			code, err := os.ReadFile(file)
			if err != nil {
				if os.IsNotExist(err) {
					continue
				}
				return err
			}
			// The data is JavaScript (plural rules are functions): kept as
			// the file's source, run by the engine with Intl in scope.
			if perLocale[loc] == nil {
				perLocale[loc] = map[string]string{}
			}
			perLocale[loc][ctor] = string(code)
			if _, err := vm.RunString(string(code)); err != nil {
				return fmt.Errorf("%s %s: %w", ctor, loc, err)
			}
		}
		// Each available tag answers with the data of the locale whose
		// object it holds.
		v, err := vm.RunString(`(function (C, files) {
			var out = {};
			C.availableLocales.forEach(function (tag) {
				var d = C.localeData[tag];
				if (files.indexOf(tag) >= 0) { out[tag] = tag; return; }
				for (var i = 0; i < files.length; i++) if (C.localeData[files[i]] === d) { out[tag] = files[i]; return; }
			});
			return JSON.stringify(out);
		})(Intl.` + ctor + `, ` + mustJSON(Locales) + `)`)
		if err != nil {
			return err
		}
		m := map[string]string{}
		if err := json.Unmarshal([]byte(v.String()), &m); err != nil {
			return err
		}
		tags[ctor] = m
	}
	var files []string
	for _, loc := range Locales {
		d, ok := perLocale[loc]
		if !ok {
			continue
		}
		files = append(files, loc)
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if err := writeGzip(filepath.Join(out, "locale", loc+".json.gz"), b); err != nil {
			return err
		}
	}

	zones, err := zoneNames(filepath.Join(src, "node_modules", "@formatjs", "intl-datetimeformat", "add-all-tz.js"))
	if err != nil {
		return err
	}
	index := map[string]any{
		"source":  SourceHash(lock),
		"locales": files,
		"tags":    tags,
		"zones":   zones,
	}
	b, err := json.MarshalIndent(index, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "index.json"), append(b, '\n'), 0o644)
}

// SourceHash names what the output was built from: the npm lock file and
// the locale list.
func SourceHash(lock []byte) string {
	h := sha256.New()
	h.Write(lock)
	h.Write([]byte(strings.Join(Locales, ",")))
	return "sha256 " + hex.EncodeToString(h.Sum(nil)) + " (package-lock.json and the locale list)"
}

func mapKeys[K comparable, V any](m map[K]V) []K {
	var out []K
	for k := range m {
		out = append(out, k)
	}
	return out
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// bundle builds one polyfill's polyfill-force entry as a script.
func bundle(src, pkg string) ([]byte, error) {
	r := api.Build(api.BuildOptions{
		EntryPoints:   []string{"@formatjs/" + pkg + "/polyfill-force.js"},
		AbsWorkingDir: src,
		Bundle:        true,
		Format:        api.FormatIIFE,
		Target:        api.ES2022,
		// As the bundler lowers functions' code for goja (object spread
		// and rest too: goja runs them as one native loop per source).
		Supported: map[string]bool{
			"async-generator": false, "for-await": false, "regexp-match-indices": false,
			"regexp-set-notation": false, "object-rest-spread": false,
		},
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetUTF8,
		Write:             false,
		Outfile:           pkg + ".js",
	})
	if len(r.Errors) > 0 {
		return nil, fmt.Errorf("%s: %s", pkg, r.Errors[0].Text)
	}
	if len(r.OutputFiles) != 1 {
		return nil, fmt.Errorf("%s: %d output files", pkg, len(r.OutputFiles))
	}
	return r.OutputFiles[0].Contents, nil
}

// zoneNames lists the IANA zones FormatJS's time zone data has (the
// engine computes each zone's transitions with Go's time package).
func zoneNames(file string) ([]string, error) {
	code, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	vm := goja.New()
	var names []string
	_ = vm.Set("__capture", func(zones []string) {
		for _, z := range zones {
			names = append(names, strings.SplitN(z, "|", 2)[0])
		}
	})
	if _, err := vm.RunString(`var Intl = { DateTimeFormat: { __addTZData: function (d) { __capture(d.zones); } } };`); err != nil {
		return nil, err
	}
	if _, err := vm.RunString(string(code)); err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// writeGzip writes b compressed, with no name or time in the header, so
// the same input gives the same bytes.
func writeGzip(file string, b []byte) error {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}
