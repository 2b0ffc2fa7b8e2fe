package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// profileHook is added to cmd/tarsus's package main through `go build
// -overlay` when the harness runs with -profile, so the server's own code
// stays untouched: with TARSUS_BENCH_PROFILE=<prefix> the server records a
// CPU profile from its start, and on SIGUSR1 writes <prefix>.cpu.pprof,
// <prefix>.heap.pprof (in-use and allocated bytes) and then <prefix>.done.
const profileHook = `package main

import (
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
)

func init() {
	prefix := os.Getenv("TARSUS_BENCH_PROFILE")
	if prefix == "" {
		return
	}
	f, err := os.Create(prefix + ".cpu.pprof")
	if err != nil {
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	go func() {
		<-c
		pprof.StopCPUProfile()
		f.Close()
		if h, err := os.Create(prefix + ".heap.pprof"); err == nil {
			runtime.GC()
			_ = pprof.Lookup("heap").WriteTo(h, 0)
			h.Close()
		}
		_ = os.WriteFile(prefix+".done", nil, 0o644)
	}()
}
`

// buildProfiled builds cmd/tarsus with profileHook overlaid.
func buildProfiled(ctx context.Context, cfg *config, out string) error {
	hook := filepath.Join(cfg.Work, "bench_profile_hook.go")
	if err := os.WriteFile(hook, []byte(profileHook), 0o644); err != nil {
		return err
	}
	ov, err := json.Marshal(map[string]map[string]string{
		"Replace": {filepath.Join(cfg.Root, "cmd", "tarsus", "zz_bench_profile_hook.go"): hook},
	})
	if err != nil {
		return err
	}
	ovPath := filepath.Join(cfg.Work, "overlay.json")
	if err := os.WriteFile(ovPath, ov, 0o644); err != nil {
		return err
	}
	b := exec.CommandContext(ctx, "go", "build", "-overlay", ovPath, "-o", out, "./cmd/tarsus")
	b.Dir, b.Stdout, b.Stderr = cfg.Root, os.Stderr, os.Stderr
	return b.Run()
}

// profilePrefix is where a profiled server named name writes its profiles.
func profilePrefix(cfg *config, name string) string {
	return filepath.Join(cfg.Profile, name)
}

// dumpProfiles asks a profiled server for its profiles and waits for them.
func (s *server) dumpProfiles(cfg *config) error {
	if cfg.Profile == "" || s.name == "" {
		return nil
	}
	prefix := profilePrefix(cfg, s.name)
	_ = os.Remove(prefix + ".done")
	if err := syscall.Kill(s.p.pid(), syscall.SIGUSR1); err != nil {
		return err
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(prefix + ".done"); err == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("the server %s wrote no profiles within 60 s", s.name)
}

// profileSummary is `go tool pprof -top` of a server's CPU and allocation
// profiles, for RESULTS.md.
func profileSummary(ctx context.Context, cfg *config, name string) string {
	prefix := profilePrefix(cfg, name)
	var b strings.Builder
	for _, v := range []struct {
		title, file string
		args        []string
	}{
		{"CPU", ".cpu.pprof", nil},
		{"allocated bytes", ".heap.pprof", []string{"-sample_index=alloc_space"}},
		{"in-use bytes at the end", ".heap.pprof", []string{"-sample_index=inuse_space"}},
	} {
		args := append([]string{"tool", "pprof", "-top", "-nodecount=25"}, v.args...)
		args = append(args, cfg.Bin, prefix+v.file)
		out, err := exec.CommandContext(ctx, "go", args...).CombinedOutput()
		fmt.Fprintf(&b, "%s (`go %s`):\n\n```\n", v.title, strings.Join(append(args[:len(args)-2], "<tarsus>", filepath.Base(prefix+v.file)), " "))
		if err != nil {
			fmt.Fprintf(&b, "pprof failed: %v\n", err)
		}
		b.WriteString(strings.TrimSpace(string(out)))
		b.WriteString("\n```\n\n")
	}
	return b.String()
}
