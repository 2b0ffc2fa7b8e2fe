package bundler

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// Kind says what role a file of a function set plays.
type Kind int

const (
	// Ignored files are never routes and are not meant to be imported:
	// files with an extension other than .ts .mts .js .mjs .json, type
	// declarations (*.d.ts, *.d.mts), tests (*.test.*, *.spec.*), hidden
	// files or folders (name starting with ".") and anything under
	// node_modules. They may still be stored; Build can import any file with
	// an importable extension whatever its Kind.
	Ignored Kind = iota
	// Route files (.ts .mts .js .mjs) each become one HTTP route.
	Route
	// Shared files are importable but never routes: every file or folder
	// whose name starts with "_" (e.g. "_lib/db.ts", "orders/_util.ts"), and
	// every .json file.
	Shared
)

// DefaultMaxPathLen is the path length limit CheckPath applies when it is
// given a maxLen <= 0.
const DefaultMaxPathLen = 256

// importableExts are the extensions Build can import, in resolution order.
var importableExts = [...]string{".ts", ".mts", ".js", ".mjs", ".json"}

// String returns "route", "shared" or "ignored".
func (k Kind) String() string {
	switch k {
	case Route:
		return "route"
	case Shared:
		return "shared"
	case Ignored:
		return "ignored"
	default:
		return fmt.Sprintf("Kind(%d)", int(k))
	}
}

// Classify returns the Kind of the file at path, a slash-separated path
// relative to the functions folder (as accepted by CheckPath). The rules,
// first match wins:
//
//  1. Ignored: the extension is not .ts .mts .js .mjs or .json; the name
//     ends in .d.ts or .d.mts or contains ".test." or ".spec."; a segment
//     starts with "." or is "node_modules".
//  2. Shared: a segment (folder or file name) starts with "_", or the
//     extension is .json.
//  3. Route: everything else.
func Classify(p string) Kind {
	base := path.Base(p)
	ext := importableExt(base)
	switch {
	case ext == "",
		strings.HasSuffix(base, ".d.ts"), strings.HasSuffix(base, ".d.mts"),
		strings.Contains(base, ".test."), strings.Contains(base, ".spec."):
		return Ignored
	}
	shared := ext == ".json"
	for seg := range strings.SplitSeq(p, "/") {
		switch {
		case strings.HasPrefix(seg, "."), seg == "node_modules":
			return Ignored
		case strings.HasPrefix(seg, "_"):
			shared = true
		}
	}
	if shared {
		return Shared
	}
	return Route
}

// importableExt returns the importable extension of name, or "".
func importableExt(name string) string {
	ext := path.Ext(name)
	for _, e := range importableExts {
		if ext == e {
			return e
		}
	}
	return ""
}

// RouteOf returns the route name of a route file: its path without the
// extension ("orders/create.ts" → "orders/create"). Two files that differ
// only in extension have the same route.
func RouteOf(p string) string {
	return strings.TrimSuffix(p, path.Ext(p))
}

// MapName returns the name the bundle of route refers to its source map by,
// in its trailing "//# sourceMappingURL=" comment: route + ".js.map".
func MapName(route string) string {
	return route + ".js.map"
}

// PathError reports a file path CheckPath rejects.
type PathError struct {
	Path   string // the path as given
	Reason string // what is wrong and how to fix it
}

func (e *PathError) Error() string {
	return fmt.Sprintf("path %q: %s", e.Path, e.Reason)
}

// CheckPath reports whether p is acceptable as the path of a file in a
// function set: a non-empty, valid UTF-8, slash-separated relative path of
// at most maxLen bytes (DefaultMaxPathLen when maxLen <= 0), without control
// characters, backslashes, a leading "/", or empty, "." or ".." segments.
// The error is a *PathError whose message says what to fix.
func CheckPath(p string, maxLen int) error {
	if maxLen <= 0 {
		maxLen = DefaultMaxPathLen
	}
	reason := ""
	switch {
	case p == "":
		reason = "the path is empty; give a file path such as \"orders/create.ts\""
	case len(p) > maxLen:
		reason = fmt.Sprintf("the path is %d bytes long; the limit is %d", len(p), maxLen)
	case !utf8.ValidString(p):
		reason = "the path is not valid UTF-8"
	case strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		reason = "control characters are not allowed"
	case strings.Contains(p, `\`):
		reason = `backslashes are not allowed; separate folders with "/"`
	case strings.HasPrefix(p, "/"):
		reason = "absolute paths are not allowed; give the path relative to the functions folder"
	default:
		for seg := range strings.SplitSeq(p, "/") {
			switch seg {
			case "":
				reason = `empty segments ("a//b", a trailing "/") are not allowed`
			case ".":
				reason = `"." segments are not allowed`
			case "..":
				reason = `".." segments are not allowed`
			}
			if reason != "" {
				break
			}
		}
	}
	if reason != "" {
		return &PathError{Path: p, Reason: reason}
	}
	return nil
}

// ImportKey returns the key that every file a relative import could resolve
// to shares: p without its importable extensions and a trailing "/index",
// repeatedly ("_lib/x.ts", "_lib/x.js", "_lib/x/index.ts" and
// "_lib/x" all give "_lib/x"). Build tries, for an import of "./x" from
// "_lib/a.ts", only files whose key is "_lib/x"; so adding a file at p can
// change what an import of an existing bundle resolves to only if one of
// the bundle's Inputs has p's ImportKey.
func ImportKey(p string) string {
	for {
		switch {
		case importableExt(p) != "":
			p = strings.TrimSuffix(p, path.Ext(p))
		case strings.HasSuffix(p, "/index"):
			p = strings.TrimSuffix(p, "/index")
		default:
			return p
		}
	}
}
