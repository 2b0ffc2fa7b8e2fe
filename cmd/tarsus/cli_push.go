package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/client"
	"github.com/tarsus/tarsus/engine"
)

type pushOptions struct {
	rf       remoteFlags
	dryRun   bool
	noPrune  bool
	yes      bool
	force    bool
	progress string
}

func newPushCmd(e *env) *cobra.Command {
	var o pushOptions
	cmd := &cobra.Command{
		Use:   "push [dir]",
		Short: "Bundle a Node project's functions and deploy them",
		Long: `Bundle the functions of a Node project (tarsus.json, default folder
functions/) with esbuild on this machine — npm packages from node_modules
included — and deploy them in one atomic deployment: either every function
builds and loads, or nothing changes.

Only what changed since the server's live version is uploaded: routes whose
source changed, every route when a shared module ("_" files) changed, and
routes whose bundle changed because a dependency did (npm packages, files
imported from outside the functions folder, tsconfig.json). Functions on
the server whose file is not in the project (gone, or deployed another way:
the console, the API) are removed: push lists them and asks first, and in a
non-interactive shell it removes them only with --yes (--no-prune keeps
them; --dry-run shows them).

tarsus.json (all optional):
  {"functionsDir": "functions", "server": "https://fn.example.com",
   "exclude": ["*.local.ts", "drafts/"]}

The server is --server, else $TARSUS_URL, else tarsus.json's "server", else
the one of tarsus login; the token is $TARSUS_TOKEN, else the saved one.

Build errors print as file:line:col with the source line, and the exit code
is non-zero. Bundles built for unchanged inputs are remembered in
.tarsus/cache.json; --force rebuilds and re-sends everything.`,
		Example: `  tarsus push
  tarsus push ./my-functions --dry-run
  TARSUS_URL=https://fn.example.com TARSUS_TOKEN=… tarsus push --progress never`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runPush(cmd.Context(), e, dir, o)
		},
	}
	addRemoteFlags(cmd, &o.rf, true, true)
	f := cmd.Flags()
	f.BoolVar(&o.dryRun, "dry-run", false, "build and show what would be deployed, without deploying")
	f.BoolVar(&o.noPrune, "no-prune", false, "keep functions on the server whose file is not in the project")
	f.BoolVarP(&o.yes, "yes", "y", false, "remove functions on the server whose file is not in the project without asking")
	f.BoolVar(&o.force, "force", false, "rebuild and upload every function")
	addProgressFlag(cmd, &o.progress)
	return cmd
}

// pushItem is one file of a push plan.
type pushItem struct {
	path   string
	route  string     // "" for a shared module
	file   *localFile // nil when removed
	remote *client.Function
	onSrv  bool
	entry  client.ManifestEntry

	send   bool
	remove bool
	reason string

	out        *bundler.Output // when built this time
	bundleSHA  string
	bundleSize int // -1 when unknown
	status     string
	stored     int
}

// pushReport is the --output json of push.
type pushReport struct {
	Server      string     `json:"server"`
	DryRun      bool       `json:"dryRun"`
	UpToDate    bool       `json:"upToDate"`
	Version     int64      `json:"version,omitempty"`
	Deployment  string     `json:"deployment,omitempty"`
	Uploaded    []string   `json:"uploaded"`
	Kept        []string   `json:"kept"`
	Removed     []string   `json:"removed"`
	UploadBytes int        `json:"uploadBytes"`
	DurationMs  float64    `json:"durationMs"`
	Files       []pushFile `json:"files"`
}

type pushFile struct {
	Path        string  `json:"path"`
	Route       string  `json:"route,omitempty"`
	Kind        string  `json:"kind"`
	Status      string  `json:"status"`
	Uploaded    bool    `json:"uploaded"`
	Reason      string  `json:"reason,omitempty"`
	BundleBytes int     `json:"bundleBytes,omitempty"`
	StoredBytes int     `json:"storedBytes,omitempty"`
	BuildMs     float64 `json:"buildMs,omitempty"` // 0 when not built this time
}

func runPush(ctx context.Context, e *env, dir string, o pushOptions) error {
	start := time.Now()
	if err := checkOutput(o.rf.output); err != nil {
		return err
	}
	show, err := progressEnabled(e, o.progress)
	if err != nil {
		return err
	}
	p, err := loadProject(dir)
	if err != nil {
		return err
	}
	if len(p.routes) == 0 && len(p.shared) == 0 && !o.dryRun && !o.noPrune {
		return fmt.Errorf("%s has no functions: a push would remove every function on the server (use --no-prune to push nothing)", p.fnDir)
	}
	r, err := connect(e, &o.rf, p.cfg.Server, "push")
	if err != nil {
		return err
	}
	defer r.c.Close()

	// What the server has: hashes (manifest) and sizes (function list).
	var (
		manifest client.Manifest
		fns      []client.Function
		mErr     error
		fErr     error
		wg       sync.WaitGroup
	)
	wg.Go(func() { manifest, mErr = r.c.Manifest(ctx) })
	wg.Go(func() { fns, fErr = r.c.Functions(ctx) })
	deps, depsErr := p.depsFingerprint()
	wg.Wait()
	if err := cmp.Or(mErr, fErr); err != nil {
		return explain(err, r.server)
	}
	if depsErr != nil {
		return fmt.Errorf("hashing the project's dependencies: %w", depsErr)
	}
	remote := map[string]*client.Function{}
	for i := range fns {
		remote[fns[i].Path] = &fns[i]
	}

	items := plan(p, manifest, remote, o)
	cache := p.loadCache()
	sharedFP := p.sharedFingerprint()
	keys := map[string]string{}
	var toBuild []*pushItem
	for _, it := range items {
		if it.route == "" || it.file == nil {
			continue
		}
		keys[it.path] = buildKey(it.file, sharedFP, deps)
		if it.send {
			toBuild = append(toBuild, it)
			continue
		}
		// Same source, same shared modules: the bundle can still differ
		// because a dependency changed. Compare bundles.
		if c, ok := cache.Routes[it.path]; ok && c.Key == keys[it.path] {
			it.bundleSHA, it.bundleSize = c.Bundle, c.Size
			if bundleDiffers(it) {
				it.send, it.reason = true, "bundle changed"
				toBuild = append(toBuild, it)
			}
			continue
		}
		toBuild = append(toBuild, it)
	}

	if len(toBuild) > 0 {
		if err := buildItems(ctx, e, p, toBuild, show); err != nil {
			return err
		}
		for _, it := range toBuild {
			if !it.send && bundleDiffers(it) {
				it.send, it.reason = true, "bundle changed"
			}
		}
		live := map[string]bool{}
		for _, f := range p.routes {
			live[f.path] = true
		}
		for path := range cache.Routes {
			if !live[path] {
				delete(cache.Routes, path)
			}
		}
		for _, it := range toBuild {
			cache.Routes[it.path] = cachedBuild{Key: keys[it.path], Bundle: it.bundleSHA, Size: it.bundleSize}
		}
		if err := p.saveCache(cache); err != nil {
			fmt.Fprintf(e.stderr, "warning: could not save the build cache: %v\n", err)
		}
	}

	rep := pushReport{Server: r.server, DryRun: o.dryRun, Uploaded: []string{}, Kept: []string{}, Removed: []string{}}
	var req client.DeployRequest
	req.Prune = !o.noPrune
	for _, it := range items {
		switch {
		case it.remove:
			rep.Removed = append(rep.Removed, it.path)
		case it.send:
			up := client.Upload{Path: it.path, Source: it.file.source}
			if it.out != nil {
				up.Bundle, up.Map = it.out.Code, it.out.Map
			}
			req.Files = append(req.Files, up)
			rep.Uploaded = append(rep.Uploaded, it.path)
			rep.UploadBytes += len(up.Source) + len(up.Bundle) + len(up.Map)
		default:
			rep.Kept = append(rep.Kept, it.path)
			if req.Prune {
				req.Keep = append(req.Keep, it.path)
			}
		}
	}
	if len(req.Files) == 0 && len(rep.Removed) == 0 {
		rep.UpToDate = true
	}
	if len(rep.Removed) > 0 && !o.dryRun && !o.yes {
		if err := confirmRemoval(e, r.server, p.fnDir, rep.Removed); err != nil {
			return err
		}
	}

	switch {
	case o.dryRun:
		for _, it := range items {
			it.status = predictedStatus(it)
		}
	case rep.UpToDate:
		for _, it := range items {
			it.status = "unchanged"
		}
	default:
		// The bar counts the multipart body and one more step: the server's
		// build, which starts when the body is sent.
		var (
			barMu sync.Mutex
			bar   *progressbar.ProgressBar
		)
		req.Progress = func(sent, total int64) {
			barMu.Lock()
			defer barMu.Unlock()
			if bar == nil {
				bar = newBar(e, show, total+1, "uploading", true)
			}
			_ = bar.Set64(sent)
			if sent == total {
				bar.Describe("deploying")
			}
		}
		res, err := r.c.Deploy(ctx, req)
		barMu.Lock()
		if bar != nil {
			_ = bar.Finish()
		}
		barMu.Unlock()
		if err != nil {
			if probs, ok := apiProblems(p, err); ok {
				printProblems(e.stderr, probs)
				var ae *client.Error
				errors.As(err, &ae)
				return &statusError{fmt.Sprintf("the server rejected the deploy (%s, %d problem(s)); nothing changed", ae.Code, len(probs))}
			}
			return explain(err, r.server)
		}
		rep.Version, rep.Deployment = res.Version, res.Deployment
		got := map[string]client.FileResult{}
		for _, f := range res.Files {
			got[f.Path] = f
		}
		for _, it := range items {
			if f, ok := got[it.path]; ok {
				it.status, it.stored = f.Status, f.Sizes.Stored
				if it.bundleSize < 0 && f.Sizes.Bundle > 0 {
					it.bundleSize = f.Sizes.Bundle
				}
			} else if it.remove {
				it.status = "removed"
			} else {
				it.status = "unchanged"
			}
		}
	}
	rep.DurationMs = msOf(time.Since(start))
	for _, it := range items {
		if it.remote != nil && !it.send && !it.remove {
			it.stored = it.remote.Sizes.Stored
			if it.bundleSize < 0 {
				it.bundleSize = it.remote.Sizes.Bundle
			}
		}
	}
	for _, it := range items {
		pf := pushFile{Path: it.path, Route: it.route, Kind: "shared", Status: it.status, Uploaded: it.send, Reason: it.reason, BundleBytes: max(it.bundleSize, 0), StoredBytes: it.stored}
		if it.route != "" {
			pf.Kind = "route"
		}
		if it.out != nil {
			pf.BuildMs = max(msOf(it.out.Duration), 0.001)
		}
		rep.Files = append(rep.Files, pf)
	}
	if o.rf.output == "json" {
		return writeJSON(e.stdout, rep)
	}
	printPush(e, rep)
	return nil
}

// confirmRemoval asks before a push removes functions that have no file in
// the project; without a terminal to ask on, it refuses and says how to go on.
func confirmRemoval(e *env, server, fnDir string, removed []string) error {
	list := strings.Join(removed, ", ")
	if len(removed) > 10 {
		list = strings.Join(removed[:10], ", ") + fmt.Sprintf(" and %d more", len(removed)-10)
	}
	what := fmt.Sprintf("this push removes %d function file(s) on %s that are not in %s: %s", len(removed), server, fnDir, list)
	if f, ok := e.stdin.(*os.File); !ok || !term.IsTerminal(int(f.Fd())) {
		return &statusError{what + "; nothing changed. Run again with --yes to remove them, or --no-prune to keep them (--dry-run shows the whole plan)"}
	}
	a, err := newPrompter(e).line("Warning: " + what + ".\nRemove them? [y/N] ")
	if err != nil {
		return err
	}
	if a = strings.ToLower(strings.TrimSpace(a)); a != "y" && a != "yes" {
		return &statusError{"not confirmed; nothing changed (--no-prune keeps them)"}
	}
	return nil
}

// plan decides, from the manifest, which files are sent, kept and removed.
// Routes whose bundle must be compared are left unsent here.
func plan(p *project, manifest client.Manifest, remote map[string]*client.Function, o pushOptions) []*pushItem {
	var items []*pushItem
	local := map[string]bool{}
	sharedChanged := false
	for _, f := range p.shared {
		local[f.path] = true
		it := &pushItem{path: f.path, file: f, remote: remote[f.path], bundleSize: -1}
		it.entry, it.onSrv = manifest[f.path]
		switch {
		case !it.onSrv:
			it.send, it.reason = true, "new"
			sharedChanged = true
		case it.entry.Source != f.sha:
			it.send, it.reason = true, "source changed"
			sharedChanged = true
		case o.force:
			it.send, it.reason = true, "forced"
		}
		items = append(items, it)
	}
	var removed []*pushItem
	for _, f := range p.routes {
		local[f.path] = true
	}
	if !o.noPrune {
		for path := range manifest {
			if local[path] {
				continue
			}
			it := &pushItem{path: path, remove: true, remote: remote[path], bundleSize: -1, reason: "file gone"}
			if bundler.Classify(path) == bundler.Route {
				it.route = bundler.RouteOf(path)
			} else if bundler.Classify(path) == bundler.Shared {
				sharedChanged = true
			}
			removed = append(removed, it)
		}
	}
	for _, f := range p.routes {
		it := &pushItem{path: f.path, route: bundler.RouteOf(f.path), file: f, remote: remote[f.path], bundleSize: -1}
		it.entry, it.onSrv = manifest[f.path]
		switch {
		case !it.onSrv:
			it.send, it.reason = true, "new"
		case it.entry.Source != f.sha:
			it.send, it.reason = true, "source changed"
		case sharedChanged:
			// The server would otherwise rebuild it from source, without
			// node_modules.
			it.send, it.reason = true, "shared module changed"
		case o.force:
			it.send, it.reason = true, "forced"
		}
		items = append(items, it)
	}
	items = append(items, removed...)
	slices.SortFunc(items, func(a, b *pushItem) int {
		// Routes first, then shared modules; by path.
		return cmp.Or(cmp.Compare(boolInt(a.route == ""), boolInt(b.route == "")), cmp.Compare(a.path, b.path))
	})
	return items
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// bundleDiffers compares a route's local bundle with the live one: by hash
// when the manifest gives the bundle's, else by size (a changed dependency
// almost always changes the size).
func bundleDiffers(it *pushItem) bool {
	if it.entry.Bundle != "" {
		return it.entry.Bundle != it.bundleSHA
	}
	if it.remote != nil && it.remote.Sizes.Bundle > 0 {
		return it.remote.Sizes.Bundle != it.bundleSize
	}
	return false
}

func predictedStatus(it *pushItem) string {
	switch {
	case it.remove:
		return "removed"
	case !it.onSrv:
		return "added"
	case it.send:
		return "changed"
	}
	return "unchanged"
}

// buildItems bundles the items' routes with BuildDir, GOMAXPROCS at a time,
// with a progress bar. Problems are printed and returned as one error.
func buildItems(ctx context.Context, e *env, p *project, items []*pushItem, show bool) error {
	b := bundler.New(bundler.Options{SourceMap: true, Builtins: engine.BuiltinModules(), Check: engine.CheckSyntax})
	bar := newBar(e, show, int64(len(items)), "building", false)
	var (
		mu    sync.Mutex
		probs bundler.Errors
		other []error
	)
	work := make(chan *pushItem)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(items)) {
		wg.Go(func() {
			for it := range work {
				if ctx.Err() != nil {
					continue
				}
				outs, err := b.BuildDir(p.fnDir, []string{it.path})
				mu.Lock()
				var bes bundler.Errors
				switch {
				case errors.As(err, &bes):
					probs = append(probs, bes...)
				case err != nil:
					other = append(other, err)
				default:
					o := outs[0]
					it.out = &o
					it.bundleSHA, it.bundleSize = sha256Hex(o.Code), len(o.Code)
				}
				mu.Unlock()
				_ = bar.Add(1)
			}
		})
	}
	for _, it := range items {
		work <- it
	}
	close(work)
	wg.Wait()
	_ = bar.Finish()
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(other) > 0 {
		return errors.Join(other...)
	}
	if len(probs) == 0 {
		return nil
	}
	slices.SortStableFunc(probs, func(a, b bundler.Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Text, b.Text))
	})
	probs = slices.Compact(probs)
	out := make([]problem, len(probs))
	for i, pr := range probs {
		out[i] = problem{file: p.displayPath(pr.File), line: pr.Line, column: pr.Column, text: pr.Text, lineText: pr.LineText}
		if pr.File == "" {
			out[i].file = ""
		}
	}
	printProblems(e.stderr, out)
	return &statusError{fmt.Sprintf("the build failed with %d error(s); nothing was deployed", len(probs))}
}

func printPush(e *env, rep pushReport) {
	t := newTable(e.stdout, "ROUTE", "BUNDLE", "STORED", "BUILD", "STATUS")
	counts := map[string]int{}
	for _, f := range rep.Files {
		name := f.Route
		if f.Kind != "route" {
			name = f.Path + " (shared)"
		}
		stored := size(f.StoredBytes)
		if f.StoredBytes == 0 {
			stored = "-"
		}
		bundle := size(f.BundleBytes)
		if f.Kind != "route" || f.BundleBytes <= 0 {
			bundle = "-"
		}
		build := "-"
		if f.BuildMs > 0 {
			build = millis(f.BuildMs)
		}
		t.row(name, bundle, stored, build, f.Status)
		counts[f.Status]++
	}
	t.flush()
	summary := ""
	for _, s := range []string{"added", "changed", "unchanged", "removed"} {
		if counts[s] > 0 {
			if summary != "" {
				summary += ", "
			}
			summary += fmt.Sprintf("%d %s", counts[s], s)
		}
	}
	switch {
	case rep.DryRun:
		fmt.Fprintf(e.stdout, "\nDry run: would upload %d file(s) (%s) to %s and remove %d; nothing was deployed.\n",
			len(rep.Uploaded), size(rep.UploadBytes), rep.Server, len(rep.Removed))
	case rep.UpToDate:
		fmt.Fprintf(e.stdout, "\nEverything is up to date on %s (%d file(s)); nothing was deployed.\n", rep.Server, len(rep.Kept))
	default:
		fmt.Fprintf(e.stdout, "\nDeployed version %d (deployment %s) to %s in %s: %s. Uploaded %d file(s), %s.\n",
			rep.Version, rep.Deployment, rep.Server, millis(rep.DurationMs), summary, len(rep.Uploaded), size(rep.UploadBytes))
	}
}
