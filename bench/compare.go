package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// compare measures this checkout's server against the one built from
// another revision (-baseline), side by side in one run: rounds
// alternate between the two binaries (baseline first in odd rounds,
// current first in even ones), each round on a fresh server and data
// folder, and the table gives the median of the rounds and the ratio
// current ÷ baseline. Each round: a user with the seed's ping deployed,
// cold trials (runtimes/drop, then one call), then wrk at the first
// connection count after a warm-up, then the RSS of the server.
func (b *bench) compare(ctx context.Context) error {
	cfg, rep := b.cfg, b.rep
	if cfg.Baseline == "" {
		return fmt.Errorf("the compare scenario needs -baseline <git revision>")
	}
	sec := rep.section("compare", "Against a baseline revision",
		fmt.Sprintf("This checkout's `tarsus` against the one built from `%s`, %d interleaved rounds (the order alternates), each on a fresh server and data folder: "+
			"the seed's ping; %d cold trials (`POST /api/v1/runtimes/drop` then one call); `wrk -t1 -c%d -d%s` after a %s warm-up; then the server's RSS. Medians of the rounds; the ratio is current ÷ baseline.",
			cfg.Baseline, cfg.Rounds, cfg.ColdTrials, cfg.Conns[0], secs(cfg.WarmDur), secs(cfg.Warmup)))
	baseBin, rev, err := buildRevision(ctx, cfg, cfg.Baseline)
	if err != nil {
		return fmt.Errorf("building %s: %w", cfg.Baseline, err)
	}
	rep.finding("compare: baseline %s is commit %s", cfg.Baseline, rev)
	seed, err := seedPing(cfg)
	if err != nil {
		return err
	}
	type round struct {
		coldP50, coldP99, serverP50 time.Duration
		rps, p99                    float64
		rss                         int64
	}
	results := map[string][]round{}
	bins := map[string]string{"baseline": baseBin, "current": cfg.Bin}
	for r := 0; r < cfg.Rounds && ctx.Err() == nil; r++ {
		order := []string{"baseline", "current"}
		if r%2 == 1 {
			order = []string{"current", "baseline"}
		}
		for _, which := range order {
			logf("compare: round %d, %s", r+1, which)
			bc := *b
			c := *cfg
			c.Bin = bins[which]
			bc.cfg = &c
			name := fmt.Sprintf("cmp-%s-%d", which, r)
			s, err := bc.startServer(ctx, name, filepath.Join(cfg.Work, "data-"+name), true, nil)
			if err != nil {
				return err
			}
			res, err := func() (round, error) {
				defer s.stop()
				if err := s.createUser(ctx, "cmp"); err != nil {
					return round{}, err
				}
				if _, err := s.putFunction(ctx, "cmp", "ping.ts", seed); err != nil {
					return round{}, err
				}
				total, server, _, err := coldTrials(ctx, s, "cmp", "ping", cfg.ColdTrials)
				if err != nil {
					return round{}, err
				}
				w, m, err := bc.warmRun(ctx, s.base, []string{"/cmp/ping"}, s.p.pid())
				if err != nil {
					return round{}, err
				}
				wr := w[cfg.Conns[0]]
				return round{coldP50: total.pct(50), coldP99: total.pct(99), serverP50: server.pct(50), rps: wr.rps(), p99: wr.P99, rss: m.RSS}, nil
			}()
			if err != nil {
				return fmt.Errorf("%s, round %d: %w", which, r+1, err)
			}
			results[which] = append(results[which], res)
		}
	}
	med := func(which string, f func(round) float64) float64 {
		var v []float64
		for _, r := range results[which] {
			v = append(v, f(r))
		}
		if len(v) == 0 {
			return 0
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	t := &table{Header: []string{"measure", "baseline", "current", "current ÷ baseline", "rounds (baseline; current)"}}
	rounds := func(which string, f func(round) float64, fmtf func(float64) string) string {
		var s []string
		for _, r := range results[which] {
			s = append(s, fmtf(f(r)))
		}
		return strings.Join(s, ", ")
	}
	row := func(label string, f func(round) float64, fmtf func(float64) string) {
		bv, cv := med("baseline", f), med("current", f)
		t.add(label, fmtf(bv), fmtf(cv), ratio(cv, bv), rounds("baseline", f, fmtf)+"; "+rounds("current", f, fmtf))
	}
	msf := func(v float64) string { return fmtMs(v / 1e6) }
	row("cold start p50 (client)", func(r round) float64 { return float64(r.coldP50) }, msf)
	row("cold start p99 (client)", func(r round) float64 { return float64(r.coldP99) }, msf)
	row("cold start p50 (server side)", func(r round) float64 { return float64(r.serverP50) }, msf)
	row(fmt.Sprintf("warm req/s at %d connections", cfg.Conns[0]), func(r round) float64 { return r.rps }, rps)
	row(fmt.Sprintf("warm p99 at %d connections", cfg.Conns[0]), func(r round) float64 { return r.p99 }, usMs)
	row("server RSS after the load", func(r round) float64 { return float64(r.rss) }, func(v float64) string { return mib(int64(v)) })
	sec.Tables = append(sec.Tables, t)
	return nil
}

// buildRevision builds cmd/tarsus at rev in a temporary worktree and
// returns the binary and the commit it resolved to.
func buildRevision(ctx context.Context, cfg *config, rev string) (bin, commit string, err error) {
	out, err := exec.CommandContext(ctx, "git", "-C", cfg.Root, "rev-parse", "--short", rev+"^{commit}").Output()
	if err != nil {
		return "", "", fmt.Errorf("git rev-parse %s: %w", rev, err)
	}
	commit = strings.TrimSpace(string(out))
	dir := filepath.Join(cfg.Work, "baseline-src")
	add := exec.CommandContext(ctx, "git", "-C", cfg.Root, "worktree", "add", "--detach", dir, commit)
	add.Stdout, add.Stderr = os.Stderr, os.Stderr
	if err := add.Run(); err != nil {
		return "", "", fmt.Errorf("git worktree add: %w", err)
	}
	defer func() {
		rm := exec.Command("git", "-C", cfg.Root, "worktree", "remove", "--force", dir)
		_ = rm.Run()
	}()
	bin = filepath.Join(cfg.Work, "tarsus-"+commit)
	logf("building cmd/tarsus at %s", commit)
	b := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/tarsus")
	b.Dir, b.Stdout, b.Stderr = dir, os.Stderr, os.Stderr
	if err := b.Run(); err != nil {
		return "", "", err
	}
	return bin, commit, nil
}
