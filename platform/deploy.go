package platform

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

// Upload is one file of a deploy.
type Upload struct {
	Path   string
	Source []byte
	// Bundle and Map, when set, are a bundle built by the client (tarsus
	// push, which resolves npm packages locally); the server still compiles
	// it and checks the contract.
	Bundle []byte
	Map    []byte
}

// DeployInput is one atomic change to a user's files.
type DeployInput struct {
	By, Via string
	Files   []Upload
	Delete  []string
	// Prune deletes the user's files that Files does not contain, except
	// those listed in Keep (unchanged files a client chose not to re-send).
	Prune bool
	Keep  []string
}

// FileResult describes one deployed file.
type FileResult struct {
	Path    string      `json:"path"`
	Route   string      `json:"route,omitempty"`
	Status  string      `json:"status"` // added, changed, unchanged, removed
	Sizes   store.Sizes `json:"sizes"`
	BuildMs float64     `json:"buildMs"`
}

// DeployResult is what a deploy changed.
type DeployResult struct {
	Version    int64        `json:"version"`
	Deployment string       `json:"deployment"`
	Files      []FileResult `json:"files"`
	// Rebuilt lists the route files the server bundled in this deploy
	// (paths such as "orders/create.ts"), sorted:
	// changed routes, and those a changed, deleted or added file may
	// affect (see routesToRebuild); not those whose bundle came from the
	// client.
	Rebuilt []string `json:"rebuilt"`
	BuildMs float64  `json:"buildMs"`
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// checkUploads applies the limits before anything is read or built.
func (p *Platform) checkUploads(in *DeployInput) error {
	var probs []Problem
	total := 0
	seen := map[string]bool{}
	for _, f := range in.Files {
		if err := bundler.CheckPath(f.Path, p.cfg.MaxPathLen); err != nil {
			probs = append(probs, Problem{File: f.Path, Text: err.Error(), Code: "TARSUS_BAD_PATH"})
			continue
		}
		if seen[f.Path] {
			probs = append(probs, Problem{File: f.Path, Text: "the file appears twice in the upload", Code: "TARSUS_BAD_PATH"})
		}
		seen[f.Path] = true
		if len(f.Source) > p.cfg.MaxFileSize {
			probs = append(probs, Problem{File: f.Path, Text: fmt.Sprintf("the file has %d bytes; the limit is %d", len(f.Source), p.cfg.MaxFileSize), Code: "TARSUS_TOO_LARGE"})
		}
		if !utf8.Valid(f.Source) {
			probs = append(probs, Problem{File: f.Path, Text: "the file is not valid UTF-8 text", Code: "TARSUS_BAD_SOURCE"})
		}
		total += len(f.Source) + len(f.Bundle) + len(f.Map)
	}
	for _, d := range in.Delete {
		if err := bundler.CheckPath(d, p.cfg.MaxPathLen); err != nil {
			probs = append(probs, Problem{File: d, Text: err.Error(), Code: "TARSUS_BAD_PATH"})
		}
	}
	if len(probs) > 0 {
		code := probs[0].Code
		return &Error{Status: 400, Code: code, Message: summarize(probs), Details: probs}
	}
	if total > p.cfg.MaxDeploySize {
		return errf(400, "TARSUS_TOO_LARGE", "the deploy has %d bytes; the limit is %d: deploy in parts", total, p.cfg.MaxDeploySize)
	}
	return nil
}

func summarize(probs []Problem) string {
	var b strings.Builder
	for i, pr := range probs {
		if i > 0 {
			b.WriteString("\n")
		}
		if pr.Line > 0 {
			fmt.Fprintf(&b, "%s:%d:%d: %s", pr.File, pr.Line, pr.Column, pr.Text)
		} else {
			fmt.Fprintf(&b, "%s: %s", pr.File, pr.Text)
		}
	}
	return b.String()
}

// Deploy applies in atomically for user: every file is checked, built and
// loaded first, and nothing changes unless all of them succeed. The new
// routes are live when Deploy returns; requests already running finish on
// the old code.
func (p *Platform) Deploy(ctx context.Context, user string, in DeployInput) (*DeployResult, error) {
	start := time.Now()
	if err := p.checkUploads(&in); err != nil {
		p.metrics.deploys.WithLabelValues("rejected").Inc()
		return nil, err
	}
	mu := p.userLock(user)
	mu.Lock()
	defer mu.Unlock()
	res, err := p.deployLocked(ctx, user, in)
	if err != nil {
		p.metrics.deploys.WithLabelValues("failed").Inc()
		return nil, err
	}
	res.BuildMs = ms(time.Since(start))
	p.metrics.deploys.WithLabelValues("ok").Inc()
	p.metrics.buildSeconds.Observe(time.Since(start).Seconds())
	changed := 0
	for _, f := range res.Files {
		if f.Status != "unchanged" {
			changed++
		}
	}
	p.logs.system(user, fmt.Sprintf("deployed version %d via %s by %s (%d of %d files changed, %d bundled on the server)", res.Version, in.Via, in.By, changed, len(res.Files), len(res.Rebuilt)))
	return res, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (p *Platform) deployLocked(ctx context.Context, user string, in DeployInput) (*DeployResult, error) {
	tree, err := p.store.Tree(ctx, user)
	if err != nil {
		return nil, storeErr(err, "user "+user)
	}
	// The new tree's sources: old files, then uploads, minus deletions.
	uploads := map[string]Upload{}
	for _, f := range in.Files {
		uploads[f.Path] = f
	}
	deleted := map[string]bool{}
	for _, d := range in.Delete {
		if _, ok := tree.Files[d]; !ok {
			if _, up := uploads[d]; !up {
				return nil, notFound("file " + d)
			}
		}
		deleted[d] = true
	}
	if in.Prune {
		keep := map[string]bool{}
		for _, k := range in.Keep {
			keep[k] = true
		}
		for path := range tree.Files {
			if _, ok := uploads[path]; !ok && !keep[path] {
				deleted[path] = true
			}
		}
	}
	count := 0
	for path := range tree.Files {
		if !deleted[path] {
			count++
		}
	}
	for path := range uploads {
		if _, old := tree.Files[path]; !old || deleted[path] {
			count++
		}
	}
	if count > p.cfg.MaxFiles {
		return nil, errf(400, "TARSUS_TOO_MANY_FILES", "the deploy would leave %d files; the limit is %d per user", count, p.cfg.MaxFiles)
	}

	// Which files change, and which routes must be rebuilt.
	changed := map[string]bool{}
	for path, up := range uploads {
		if old, ok := tree.Files[path]; ok && old.SourceHash == sha(up.Source) && up.Bundle == nil {
			continue
		}
		changed[path] = true
	}
	var paths []string // the new tree
	for path := range tree.Files {
		if _, up := uploads[path]; !up && !deleted[path] {
			paths = append(paths, path)
		}
	}
	for path := range uploads {
		paths = append(paths, path)
	}
	rebuild := routesToRebuild(tree, paths, uploads, changed, deleted)
	var entries []string
	prebuilt := map[string]Upload{}
	for _, path := range paths {
		if !rebuild[path] {
			continue
		}
		if up, ok := uploads[path]; ok && up.Bundle != nil && changed[path] {
			prebuilt[path] = up
			continue
		}
		entries = append(entries, path)
	}
	sort.Strings(entries)
	read := p.sourceReader(ctx, user, tree, uploads)

	outs := map[string]bundler.Output{}
	var probs []Problem
	if len(entries) > 0 {
		built, err := p.bundler.BuildLazy(paths, read, entries)
		if err != nil {
			var bes bundler.Errors
			if !errors.As(err, &bes) {
				return nil, err
			}
			for _, be := range bes {
				probs = append(probs, Problem{File: be.File, Line: be.Line, Column: be.Column, Text: be.Text, Code: "TARSUS_BUILD"})
			}
			// Build the entries one by one, so that the contract problems
			// of those that do build are reported in the same answer.
			built = nil
			for _, e := range entries {
				if o, err := p.bundler.BuildLazy(paths, read, []string{e}); err == nil {
					built = append(built, o...)
				}
			}
		}
		for _, o := range built {
			outs[o.Path] = o
		}
	}
	for _, path := range slices.Sorted(maps.Keys(prebuilt)) {
		up := prebuilt[path]
		// A client can upload any script: lower what goja cannot
		// interrupt, as the server's own builds do.
		code, smap, err := p.bundler.LowerBundle(up.Bundle, up.Map)
		if err != nil {
			probs = append(probs, Problem{File: path, Text: "the uploaded bundle: " + err.Error(), Code: "TARSUS_BUILD"})
			continue
		}
		outs[path] = bundler.Output{Path: path, Route: bundler.RouteOf(path), Code: code, Map: smap}
	}
	var buildBytes int64
	for _, o := range outs {
		buildBytes += int64(len(o.Code) + len(o.Map))
	}
	if err := p.buildQuota(len(outs), buildBytes); err != nil {
		return nil, err
	}

	// Compile and contract-check every new bundle, reporting all failures.
	compiled := map[string]*engine.Function{}
	for _, path := range slices.Sorted(maps.Keys(outs)) {
		o := outs[path]
		fn, err := p.engine.Compile(ctx, engine.Source{
			Path: path, Route: o.Route, URL: "/" + user + "/" + o.Route,
			Code: o.Code, Map: o.Map, Hash: sha(o.Code), User: user,
		})
		if err != nil {
			var se *engine.SourceError
			if errors.As(err, &se) {
				probs = append(probs, Problem{File: se.File, Line: se.Line, Column: se.Column, Text: se.Text, Code: se.Code})
				continue
			}
			if errors.Is(err, engine.ErrInternal) {
				// The engine logged it; nothing was stored.
				return nil, &Error{Status: 500, Code: "TARSUS_INTERNAL", Message: "the runtime failed (an internal error) while checking " + path + "; nothing was deployed. The server log has the details"}
			}
			return nil, err
		}
		compiled[path] = fn
	}
	if len(probs) == 0 {
		probs = p.checkAccess(compiled, tree, paths)
	}
	if len(probs) > 0 {
		return nil, &Error{Status: 400, Code: probs[0].Code, Message: summarize(probs), Details: probs}
	}

	// Store everything in one deploy.
	req := store.DeployRequest{User: user, By: in.By, Via: in.Via, ExpectVersion: tree.Version}
	for path := range deleted {
		if _, up := uploads[path]; up {
			continue
		}
		if _, ok := tree.Files[path]; ok {
			req.Delete = append(req.Delete, path)
		}
	}
	sort.Strings(req.Delete)
	var results []FileResult
	var same []string // uploaded again, unchanged: nothing to store
	put := map[string]bool{}
	for path := range uploads {
		put[path] = true
	}
	for path := range outs {
		put[path] = true
	}
	for path := range put {
		o, rebuilt := outs[path]
		_, uploaded := uploads[path]
		if uploaded && !rebuilt && !changed[path] {
			same = append(same, path)
			continue
		}
		source, err := read(path) // in memory: uploaded, or read by the build
		if err != nil {
			return nil, err
		}
		fc := store.FileContent{Source: source}
		fc.Meta = store.FileMeta{Path: path, SourceHash: sha(source), Sizes: store.Sizes{Source: len(source)}}
		if rebuilt {
			fc.Bundle, fc.Map = o.Code, o.Map
			fc.Meta.BundleHash = sha(o.Code)
			if o.Map != nil {
				fc.Meta.MapHash = sha(o.Map)
			}
			fc.Meta.Sizes.Bundle = len(o.Code)
			fc.Meta.Deps = o.Inputs // nil for a bundle built by the client
			if fn := compiled[path]; fn != nil {
				l := fn.Limits()
				fc.Meta.Limits = &store.RouteLimits{Timeout: l.Timeout, BodyLimit: l.BodyLimit, Access: l.Access}
			}
		} else if old, ok := tree.Files[path]; ok && bundler.Classify(path) == bundler.Route {
			fc.Meta.BundleHash, fc.Meta.MapHash, fc.Meta.Sizes.Bundle = old.BundleHash, old.MapHash, old.Sizes.Bundle
			fc.Meta.Limits = old.Limits
		}
		req.Put = append(req.Put, fc)
	}
	sort.Slice(req.Put, func(i, j int) bool { return req.Put[i].Meta.Path < req.Put[j].Meta.Path })
	newTree, dep, err := p.store.Deploy(ctx, req)
	if err != nil {
		if qe := quotaErr(err, user); qe != nil {
			return nil, qe
		}
		return nil, storeErr(err, "the function tree of "+user)
	}

	// Publish: unchanged routes keep their compiled Function.
	if err := p.publish(ctx, user, newTree, compiled); err != nil {
		return nil, err
	}

	status := map[string]string{}
	for _, a := range dep.Files.Added {
		status[a] = "added"
	}
	for _, c := range dep.Files.Changed {
		status[c] = "changed"
	}
	for _, fc := range req.Put {
		path := fc.Meta.Path
		st := status[path]
		if st == "" {
			st = "unchanged"
		}
		meta := newTree.Files[path]
		fr := FileResult{Path: path, Status: st, Sizes: meta.Sizes}
		if bundler.Classify(path) == bundler.Route {
			fr.Route = bundler.RouteOf(path)
		}
		if o, ok := outs[path]; ok {
			fr.BuildMs = ms(o.Duration)
			if fn := compiled[path]; fn != nil {
				fr.BuildMs += ms(fn.CompileTime)
			}
		}
		results = append(results, fr)
	}
	for _, path := range same {
		fr := FileResult{Path: path, Status: "unchanged", Sizes: newTree.Files[path].Sizes}
		if bundler.Classify(path) == bundler.Route {
			fr.Route = bundler.RouteOf(path)
		}
		results = append(results, fr)
	}
	for _, r := range dep.Files.Removed {
		fr := FileResult{Path: r, Status: "removed"}
		if bundler.Classify(r) == bundler.Route {
			fr.Route = bundler.RouteOf(r)
		}
		results = append(results, fr)
	}
	sort.Slice(results, func(i, j int) bool { return results[i].Path < results[j].Path })
	if entries == nil {
		entries = []string{}
	}
	return &DeployResult{Version: newTree.Version, Deployment: dep.ID, Files: results, Rebuilt: entries}, nil
}

// routesToRebuild returns the routes of the new tree (paths) whose bundle a
// deploy must build: changed routes, and the routes whose bundle may depend
// on a file that changed, was deleted or was added. A route's recorded deps
// (the files its last build read) make that exact:
//
//   - a file that changed or was deleted affects the routes whose deps name
//     it;
//   - a route added at a new path affects the routes with a dep of its
//     bundler.ImportKey (it may now be what one of their imports resolves
//     to);
//   - any other file added at a new path (a shared module, for instance
//     "_lib/x.ts" next to an imported "_lib/x.js") rebuilds every route, to
//     be safe;
//   - a route without recorded deps (built before deps were recorded, or
//     bundled by the client) is rebuilt whenever a file that is not a route
//     changes, is deleted or is added.
func routesToRebuild(tree store.Tree, paths []string, uploads map[string]Upload, changed, deleted map[string]bool) map[string]bool {
	touched := map[string]bool{} // sources that changed or are gone
	addedKeys := map[string]bool{}
	sharedAdded, sharedTouched := false, false
	for path := range changed {
		old, existed := tree.Files[path]
		switch {
		case !existed && bundler.Classify(path) == bundler.Route:
			addedKeys[bundler.ImportKey(path)] = true
		case !existed:
			sharedAdded = true
		case old.SourceHash != sha(uploads[path].Source):
			touched[path] = true
		}
	}
	for path := range deleted {
		if _, up := uploads[path]; !up {
			touched[path] = true
		}
	}
	for path := range touched {
		if bundler.Classify(path) != bundler.Route {
			sharedTouched = true
		}
	}
	rebuild := map[string]bool{}
	for _, path := range paths {
		if bundler.Classify(path) != bundler.Route {
			continue
		}
		deps := tree.Files[path].Deps
		switch {
		case changed[path], sharedAdded:
			rebuild[path] = true
		case len(deps) == 0:
			rebuild[path] = sharedTouched
		default:
			rebuild[path] = slices.ContainsFunc(deps, func(d string) bool {
				return touched[d] || addedKeys[bundler.ImportKey(d)]
			})
		}
	}
	return rebuild
}

// sourceReader returns a reader of the sources of a deploy's new tree:
// uploads from memory, the others from the store, once each and only when
// asked for (by the build, which reads the routes it bundles and what they
// import). It is safe for concurrent use.
func (p *Platform) sourceReader(ctx context.Context, user string, tree store.Tree, uploads map[string]Upload) func(path string) ([]byte, error) {
	type entry struct {
		once sync.Once
		src  []byte
		err  error
	}
	var mu sync.Mutex
	cache := map[string]*entry{}
	return func(path string) ([]byte, error) {
		if up, ok := uploads[path]; ok {
			return up.Source, nil
		}
		mu.Lock()
		e := cache[path]
		if e == nil {
			e = &entry{}
			cache[path] = e
		}
		mu.Unlock()
		e.once.Do(func() {
			meta, ok := tree.Files[path]
			if !ok {
				e.err = fmt.Errorf("reading %s: not in the tree", path)
				return
			}
			if e.src, e.err = p.store.Blob(ctx, user, meta.SourceHash); e.err != nil {
				e.err = fmt.Errorf("reading %s: %w", path, e.err)
			}
		})
		return e.src, e.err
	}
}

// publish makes tree live in the engine after a deploy, reusing compiled
// functions. When the user's table is not loaded, there is nothing to
// replace: the next request loads the new tree from the store.
func (p *Platform) publish(ctx context.Context, user string, tree store.Tree, fresh map[string]*engine.Function) error {
	p.sched.update(user, tree)
	if p.engine.Routes(user) == nil {
		return nil
	}
	r, err := p.routesFor(ctx, user, tree, fresh)
	if err != nil {
		return err
	}
	p.engine.Publish(user, r)
	return nil
}

// publishTree makes tree live now, whether or not the table was loaded.
func (p *Platform) publishTree(ctx context.Context, user string, tree store.Tree) error {
	p.sched.update(user, tree)
	r, err := p.routesFor(ctx, user, tree, nil)
	if err != nil {
		return err
	}
	p.engine.Publish(user, r)
	return nil
}

// routesFor builds the route table of tree: fresh functions first, then
// compiled ones of the live table with the same bundle, then the rest
// compiled from the store.
func (p *Platform) routesFor(ctx context.Context, user string, tree store.Tree, fresh map[string]*engine.Function) (*engine.Routes, error) {
	byHash := map[string]*engine.Function{}
	p.engine.Routes(user).Each(func(_ string, f *engine.Function) { byHash[f.Path+"\x00"+f.Hash] = f })
	fns := map[string]*engine.Function{}
	for path, meta := range tree.Files {
		if bundler.Classify(path) != bundler.Route || meta.BundleHash == "" {
			continue
		}
		route := bundler.RouteOf(path)
		if f := fresh[path]; f != nil {
			fns[route] = f
			continue
		}
		if f := byHash[path+"\x00"+meta.BundleHash]; f != nil {
			fns[route] = f
			continue
		}
		code, err := p.store.Blob(ctx, user, meta.BundleHash)
		if err != nil {
			return nil, fmt.Errorf("loading %s: %w", path, err)
		}
		var smap []byte
		if meta.MapHash != "" {
			if smap, err = p.store.Blob(ctx, user, meta.MapHash); err != nil {
				return nil, fmt.Errorf("loading %s map: %w", path, err)
			}
		}
		// Bundles stored by earlier versions, or uploaded before bundles
		// were lowered, may still have native object spread.
		if code, smap, err = p.bundler.LowerBundle(code, smap); err != nil {
			p.log.Warn("function does not load", "user", user, "fn", path, "err", err)
			p.logs.system(user, fmt.Sprintf("%s does not load: %v", path, err))
			continue
		}
		src := engine.Source{Path: path, Route: route, URL: "/" + user + "/" + route, Code: code, Map: smap, Hash: meta.BundleHash, User: user}
		if l := meta.Limits; l != nil {
			src.Limits = &engine.Limits{Timeout: l.Timeout, BodyLimit: l.BodyLimit, Access: l.Access}
		}
		fn, err := p.engine.Load(src)
		if err == nil {
			err = attachAccess(fn)
		}
		if err != nil {
			// A function that no longer loads (its top level depends on
			// something that changed) is left out and says why in the logs;
			// the others keep working.
			p.log.Warn("function does not load", "user", user, "fn", path, "err", err)
			p.logs.system(user, fmt.Sprintf("%s does not load: %v", path, err))
			continue
		}
		fns[route] = fn
	}
	return engine.NewRoutes(tree.Version, fns), nil
}

// loadRoutes loads a user's routes from the store (after a restart, or after
// the table was dropped while idle).
func (p *Platform) loadRoutes(ctx context.Context, user string) (*engine.Routes, error) {
	mu := p.userLock(user)
	mu.Lock()
	defer mu.Unlock()
	if r := p.engine.Routes(user); r != nil {
		return r, nil
	}
	tree, err := p.store.Tree(ctx, user)
	if err != nil {
		return nil, err
	}
	r, err := p.routesFor(ctx, user, tree, nil)
	if err != nil {
		return nil, err
	}
	p.engine.Publish(user, r)
	return r, nil
}
