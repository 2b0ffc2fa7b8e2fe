package platform

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

// FunctionInfo describes one stored file.
type FunctionInfo struct {
	Path      string      `json:"path"`
	Route     string      `json:"route,omitempty"` // empty for shared modules
	Kind      string      `json:"kind"`            // route, shared, ignored
	Version   int64       `json:"version"`
	UpdatedAt time.Time   `json:"updatedAt"`
	Sizes     store.Sizes `json:"sizes"`
	Hash      string      `json:"sha256"`
	Source    *string     `json:"source,omitempty"`
}

func infoOf(m store.FileMeta) FunctionInfo {
	fi := FunctionInfo{Path: m.Path, Version: m.Version, UpdatedAt: m.UpdatedAt, Sizes: m.Sizes, Hash: m.SourceHash}
	switch bundler.Classify(m.Path) {
	case bundler.Route:
		fi.Kind = "route"
		fi.Route = bundler.RouteOf(m.Path)
	case bundler.Shared:
		fi.Kind = "shared"
	default:
		fi.Kind = "ignored"
	}
	return fi
}

// ListFunctions lists a user's files, sorted by path.
func (p *Platform) ListFunctions(ctx context.Context, user string) ([]FunctionInfo, int64, error) {
	tree, err := p.store.Tree(ctx, user)
	if err != nil {
		return nil, 0, storeErr(err, "user "+user)
	}
	out := make([]FunctionInfo, 0, len(tree.Files))
	for _, m := range tree.Files {
		out = append(out, infoOf(m))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, tree.Version, nil
}

// GetFunction returns one file with its source.
func (p *Platform) GetFunction(ctx context.Context, user, path string) (FunctionInfo, error) {
	tree, err := p.store.Tree(ctx, user)
	if err != nil {
		return FunctionInfo{}, storeErr(err, "user "+user)
	}
	m, ok := tree.Files[path]
	if !ok {
		return FunctionInfo{}, notFound("file " + path)
	}
	src, err := p.store.Blob(ctx, user, m.SourceHash)
	if err != nil {
		return FunctionInfo{}, err
	}
	fi := infoOf(m)
	s := string(src)
	fi.Source = &s
	return fi, nil
}

// Manifest maps each live path to the sha256 of its source.
func (p *Platform) Manifest(ctx context.Context, user string) (map[string]string, error) {
	tree, err := p.store.Tree(ctx, user)
	if err != nil {
		return nil, storeErr(err, "user "+user)
	}
	out := make(map[string]string, len(tree.Files))
	for path, m := range tree.Files {
		out[path] = m.SourceHash
	}
	return out, nil
}

// ManifestEntry is one live file's hashes.
type ManifestEntry struct {
	Source string `json:"source"`
	Bundle string `json:"bundle,omitempty"`
}

// ManifestDetail maps each live path to the sha256 of its source and bundle.
func (p *Platform) ManifestDetail(ctx context.Context, user string) (map[string]ManifestEntry, error) {
	tree, err := p.store.Tree(ctx, user)
	if err != nil {
		return nil, storeErr(err, "user "+user)
	}
	out := make(map[string]ManifestEntry, len(tree.Files))
	for path, m := range tree.Files {
		out[path] = ManifestEntry{Source: m.SourceHash, Bundle: m.BundleHash}
	}
	return out, nil
}

// ErrRouteNotFound means no function serves the route.
var ErrRouteNotFound = errors.New("route not found")

// Lookup finds the function serving route for user, loading the user's
// routes from the store if they are not in memory.
func (p *Platform) Lookup(ctx context.Context, user, route string) (*engine.Function, error) {
	routes := p.engine.Routes(user)
	if routes == nil {
		if !plausibleName(user) {
			return nil, ErrRouteNotFound
		}
		r, err := p.loadRoutes(ctx, user)
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return nil, ErrRouteNotFound
			}
			return nil, err
		}
		routes = r
	}
	fn, ok := routes.Lookup(route)
	if !ok {
		return nil, ErrRouteNotFound
	}
	return fn, nil
}

func plausibleName(s string) bool { return nameRE.MatchString(s) && !strings.Contains(s, "..") }

// Invoke runs a function and records the call in the user's logs, stats and
// metrics. status is the HTTP status the caller will send (504 for a
// timeout, 503 when busy, 500 for other failures).
func (p *Platform) Invoke(ctx context.Context, user string, fn *engine.Function, req *engine.Request) (*engine.Response, error) {
	return p.invoke(ctx, user, fn, req, "")
}

// invoke is Invoke for a call started by trigger ("" for HTTP, "cron").
func (p *Platform) invoke(ctx context.Context, user string, fn *engine.Function, req *engine.Request, trigger string) (*engine.Response, error) {
	start := time.Now()
	fl := &fetchLog{m: p.metrics, user: user}
	req.Fetched = fl.add
	resp, err := p.engine.Invoke(ctx, user, fn, req)
	fetches := fl.close()
	dur := time.Since(start)
	status := 0
	cold := false
	respBytes := 0
	switch {
	case err == nil:
		status = resp.Status
		cold = resp.Cold
		respBytes = len(resp.Body)
	case errors.Is(err, engine.ErrTimeout):
		status = 504
	case errors.Is(err, engine.ErrBusy), errors.Is(err, engine.ErrMemory):
		status = 503
	default:
		status = 500
	}
	record := func(dur time.Duration, respBytes int, fetches []store.FetchLog) {
		p.stats.record(p.metrics, user, fn.Route, dur, status, cold)
		p.logs.invocation(user, store.LogRecord{
			Time: start.UTC(), Kind: "invocation", Fn: fn.Route, ReqID: req.ID, Status: status,
			DurationMs: ms(dur), ReqBytes: len(req.Body), RespBytes: respBytes, Cold: cold, Trigger: trigger,
			Fetches: fetches,
		})
	}
	if err == nil && resp.Stream != nil {
		// A streamed response: the invocation runs on until its stream is
		// over; its record has the whole duration and body (and the
		// fetches made meanwhile, by the runtime's goroutine, before Ended).
		go func() {
			<-resp.Stream.Ended()
			record(time.Since(start), int(resp.Stream.Sent()), fetches)
		}()
	} else {
		record(dur, respBytes, fetches)
	}
	if trigger == "cron" {
		p.stats.count(p.metrics, user, fn.Route, 1, 0)
	}
	return resp, err
}

// fetchLog collects the requests one invocation made for its log record;
// those that end while a streamed response goes on after Invoke returned
// count in the metrics only.
type fetchLog struct {
	m      *metrics
	user   string
	mu     sync.Mutex
	list   []store.FetchLog
	closed bool
}

func (f *fetchLog) add(r engine.FetchRecord) {
	f.m.fetched(f.user, r)
	f.mu.Lock()
	if !f.closed && len(f.list) < 64 {
		f.list = append(f.list, store.FetchLog{Method: r.Method, Host: r.Host, Status: r.Status, DurationMs: ms(r.Duration), Bytes: r.Bytes, Err: r.Err})
	}
	f.mu.Unlock()
}

// close ends the record's list and returns it.
func (f *fetchLog) close() []store.FetchLog {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	return f.list
}

// DropRuntimes drops a user's idle runtimes now.
func (p *Platform) DropRuntimes(user string) int { return p.engine.DropRuntimes(user) }

// Delete removes one file (and its route).
func (p *Platform) Delete(ctx context.Context, user, by, via, path string) (*DeployResult, error) {
	return p.Deploy(ctx, user, DeployInput{By: by, Via: via, Delete: []string{path}})
}
