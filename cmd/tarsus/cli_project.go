package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tarsus/tarsus/bundler"
)

// projectConfig is tarsus.json.
type projectConfig struct {
	// FunctionsDir is the folder of the functions, relative to the project.
	// Optional. Default: "functions".
	FunctionsDir string `json:"functionsDir,omitempty"`
	// Server is the URL push deploys to when neither --server nor
	// $TARSUS_URL is given. Optional.
	Server string `json:"server,omitempty"`
	// Exclude lists glob patterns (path.Match syntax) of files under
	// FunctionsDir that are not deployed: a pattern with a "/" is matched
	// against the path relative to FunctionsDir, one without against the
	// file name in any folder; "dir/" or "dir/**" excludes a folder.
	Exclude []string `json:"exclude,omitempty"`
}

// project is a loaded Node project.
type project struct {
	dir    string // absolute project folder
	fnDir  string // absolute functions folder
	cfg    projectConfig
	routes []*localFile // sorted by path
	shared []*localFile // sorted by path
}

type localFile struct {
	path   string // slash path relative to fnDir
	source []byte
	sha    string
}

const projectFile = "tarsus.json"

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// loadProject reads dir/tarsus.json (all fields optional; without the file
// the defaults apply if dir/functions exists) and the functions' files.
func loadProject(dir string) (*project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	p := &project{dir: abs}
	b, err := os.ReadFile(filepath.Join(abs, projectFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p.cfg); err != nil {
			return nil, fmt.Errorf("%s: %v (fields: functionsDir, server, exclude)", filepath.Join(dir, projectFile), err)
		}
	}
	if p.cfg.FunctionsDir == "" {
		p.cfg.FunctionsDir = "functions"
	}
	p.fnDir = filepath.Join(abs, filepath.FromSlash(p.cfg.FunctionsDir))
	for _, pat := range p.cfg.Exclude {
		if _, err := path.Match(strings.TrimSuffix(strings.TrimSuffix(pat, "**"), "/"), ""); err != nil {
			return nil, fmt.Errorf("%s: exclude pattern %q: %v", projectFile, pat, err)
		}
	}
	fi, err := os.Stat(p.fnDir)
	if err != nil || !fi.IsDir() {
		if errors.Is(err, fs.ErrNotExist) && os.IsNotExist(statErr(filepath.Join(abs, projectFile))) {
			return nil, fmt.Errorf("%s is not a Tarsus project (no %s, no functions folder): run tarsus init there", dir, projectFile)
		}
		return nil, fmt.Errorf("the functions folder %s does not exist (functionsDir in %s)", p.fnDir, projectFile)
	}
	if err := p.scan(); err != nil {
		return nil, err
	}
	return p, nil
}

func statErr(p string) error { _, err := os.Stat(p); return err }

// excluded reports whether rel matches one of the exclude patterns.
func (p *project) excluded(rel string) bool {
	for _, pat := range p.cfg.Exclude {
		if d, ok := strings.CutSuffix(pat, "/**"); ok {
			pat = d + "/"
		}
		if d, ok := strings.CutSuffix(pat, "/"); ok {
			if rel == d || strings.HasPrefix(rel, d+"/") {
				return true
			}
			if m, _ := path.Match(d, strings.Split(rel, "/")[0]); m {
				return true
			}
			continue
		}
		target := rel
		if !strings.Contains(pat, "/") {
			target = path.Base(rel)
		}
		if m, _ := path.Match(pat, target); m {
			return true
		}
	}
	return false
}

// scan collects the routes and shared modules under fnDir by
// bundler.Classify; ignored and excluded files are skipped.
func (p *project) scan() error {
	var problems []string
	byRoute := map[string]string{}
	err := filepath.WalkDir(p.fnDir, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if fp != p.fnDir && (name == "node_modules" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		relOS, err := filepath.Rel(p.fnDir, fp)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(relOS)
		kind := bundler.Classify(rel)
		if kind == bundler.Ignored || p.excluded(rel) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(fp); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if err := bundler.CheckPath(rel, 0); err != nil {
			problems = append(problems, err.Error())
			return nil
		}
		src, err := os.ReadFile(fp)
		if err != nil {
			return err
		}
		f := &localFile{path: rel, source: src, sha: sha256Hex(src)}
		if kind == bundler.Route {
			r := bundler.RouteOf(rel)
			if other, dup := byRoute[r]; dup {
				problems = append(problems, fmt.Sprintf("%s and %s both serve the route %q: rename one", other, rel, r))
			}
			byRoute[r] = rel
			p.routes = append(p.routes, f)
		} else {
			p.shared = append(p.shared, f)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	cmp := func(a, b *localFile) int { return strings.Compare(a.path, b.path) }
	slices.SortFunc(p.routes, cmp)
	slices.SortFunc(p.shared, cmp)
	return nil
}

// depFiles are files whose change may change bundles without any file
// under the functions folder changing: what npm installed, and the
// TypeScript and package settings esbuild reads.
var depFiles = []string{
	"node_modules/.package-lock.json", "node_modules/.yarn-state.yml", "node_modules/.modules.yaml",
	"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock",
	"package.json", "tsconfig.json", "jsconfig.json",
}

// sourceExts are the files outside the functions folder that functions may
// import relatively.
var sourceExts = []string{".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".json"}

// depsFingerprint hashes what, besides the functions' own files, goes into
// a bundle: the dependency files of the functions folder and of every
// folder above it (esbuild looks for packages in every node_modules up to
// the root), the source files of the project outside the functions folder
// (node_modules and hidden folders aside), and the CLI's version (its
// esbuild).
func (p *project) depsFingerprint() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "tarsus %s\n", version)
	for dir := p.fnDir; ; dir = filepath.Dir(dir) {
		for _, name := range depFiles {
			if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
				fmt.Fprintf(h, "%s/%s %s\n", p.rel(dir), name, sha256Hex(b))
			}
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	err := filepath.WalkDir(p.dir, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if fp == p.fnDir || (fp != p.dir && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), "."))) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !slices.Contains(sourceExts, filepath.Ext(fp)) {
			return nil
		}
		b, err := os.ReadFile(fp)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %s\n", p.rel(fp), sha256Hex(b))
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// rel returns fp relative to the project folder (so that a moved project
// keeps its fingerprints), or fp itself.
func (p *project) rel(fp string) string {
	if r, err := filepath.Rel(p.dir, fp); err == nil {
		return filepath.ToSlash(r)
	}
	return fp
}

// sharedFingerprint hashes the shared modules: when one changes, every
// route may change.
func (p *project) sharedFingerprint() string {
	h := sha256.New()
	for _, f := range p.shared {
		fmt.Fprintf(h, "%s %s\n", f.path, f.sha)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// buildCache remembers, per route, the bundle the last build of the same
// inputs produced, so that push need not rebuild unchanged routes to know
// their bundles. It lives in .tarsus/cache.json in the project.
type buildCache struct {
	Version int                    `json:"version"`
	Routes  map[string]cachedBuild `json:"routes"`
}

type cachedBuild struct {
	Key    string `json:"key"`    // hash of every input of the bundle
	Bundle string `json:"bundle"` // sha256 of the bundle
	Size   int    `json:"size"`   // bundle bytes
}

const cacheVersion = 1

func (p *project) cachePath() string { return filepath.Join(p.dir, ".tarsus", "cache.json") }

func (p *project) loadCache() *buildCache {
	c := &buildCache{Version: cacheVersion, Routes: map[string]cachedBuild{}}
	b, err := os.ReadFile(p.cachePath())
	if err != nil {
		return c
	}
	var got buildCache
	if json.Unmarshal(b, &got) != nil || got.Version != cacheVersion || got.Routes == nil {
		return c
	}
	return &got
}

func (p *project) saveCache(c *buildCache) error {
	if err := os.MkdirAll(filepath.Dir(p.cachePath()), 0o755); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(c, "", " ")
	tmp := p.cachePath() + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p.cachePath())
}

// buildKey is the cache key of a route: its source, the shared modules and
// the dependencies.
func buildKey(f *localFile, shared, deps string) string {
	return sha256Hex([]byte(f.path + "\n" + f.sha + "\n" + shared + "\n" + deps))
}

// displayPath is how a file relative to the functions folder is shown:
// relative to the working folder when it is under it, else absolute.
func (p *project) displayPath(rel string) string {
	abs := filepath.Join(p.fnDir, filepath.FromSlash(rel))
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
	}
	return abs
}

// sourceLine returns line n (1-based) of a file relative to the functions
// folder, or "".
func (p *project) sourceLine(rel string, n int) string {
	if n <= 0 {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(p.fnDir, filepath.FromSlash(rel)))
	if err != nil {
		return ""
	}
	lines := strings.Split(string(b), "\n")
	if n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}
