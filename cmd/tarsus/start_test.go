package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/engine"
)

// TestServeStartsUnprivileged runs the real binary as a user without
// CAP_SYS_NICE (nobody, when the test runs as root): the server listens,
// answers /healthz, deploys and runs a function, and says once, as a
// warning, that CPU fairness is off and why.
func TestServeStartsUnprivileged(t *testing.T) {
	bin := buildTarsus(t)
	data := t.TempDir()
	var cred *syscall.Credential
	wantWarning := engine.CPUFairness() != nil
	if os.Geteuid() == 0 {
		worldWritable(t, data)
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		// Dropping root drops CAP_SYS_NICE; only a high RLIMIT_NICE
		// would still let nobody restore a thread's priority.
		var lim syscall.Rlimit
		if err := syscall.Getrlimit(13 /* RLIMIT_NICE */, &lim); err != nil {
			t.Fatal(err)
		}
		wantWarning = lim.Cur < 20
	}
	p := startProc(t, bin, data, cred)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	code, body, err := p.deployTree(ctx, map[string]string{"hello.ts": `export default [{}, async () => ({ hello: "nobody" })]`}, "")
	if err != nil || code != 200 {
		t.Fatalf("deploy as an unprivileged server: %d %s %v\n%s", code, body, err, p.out.String())
	}
	code, body, err = p.do(ctx, "POST", "/admin/hello", "", nil)
	if err != nil || code != 200 || !strings.Contains(body, `"hello":"nobody"`) {
		t.Fatalf("invoke: %d %s %v\n%s", code, body, err, p.out.String())
	}
	out := p.out.String()
	n := countLines(out, "CPU fairness is off")
	if wantWarning && (n != 1 || countLines(out, "level=WARN msg=\"CPU fairness is off") != 1 || !strings.Contains(out, "CAP_SYS_NICE")) {
		t.Fatalf("want exactly one warning line saying CPU fairness is off and why, got %d:\n%s", n, out)
	}
	if !wantWarning && n != 0 {
		t.Fatalf("CPU fairness can work here, yet the server warned:\n%s", out)
	}
	if wantWarning && cred != nil {
		// The probe in this process, as root, still works: the warning
		// above came from the lost capability, not from this machine.
		if err := engine.CPUFairness(); err != nil {
			t.Logf("this machine cannot renice even as root: %v", err)
		}
	}
}

// TestServeStartsWithoutCapSysNice runs the real binary as root without
// CAP_SYS_NICE, as in a container (Docker drops it by default): the server
// starts and warns once that CPU fairness is off.
func TestServeStartsWithoutCapSysNice(t *testing.T) {
	setpriv, err := exec.LookPath("setpriv")
	if os.Geteuid() != 0 || err != nil {
		t.Skipf("needs root and setpriv (util-linux) to drop CAP_SYS_NICE: euid %d, %v", os.Geteuid(), err)
	}
	bin := buildTarsus(t)
	p := startArgv(t, []string{setpriv, "--bounding-set=-sys_nice", "--inh-caps=-sys_nice", bin, "serve"}, t.TempDir(), nil, "TARSUS_TIMEOUT=1s")
	out := p.out.String()
	if n := countLines(out, `level=WARN msg="CPU fairness is off`); n != 1 {
		t.Fatalf("want one warning that CPU fairness is off, got %d:\n%s", n, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if code, body, err := p.deployTree(ctx, map[string]string{"spin.ts": `export default [{}, () => { for (;;) {} }]`, "ok.ts": `export default [{}, async () => ({ ok: 1 })]`}, ""); err != nil || code != 200 {
		t.Fatalf("deploy: %d %s %v", code, body, err)
	}
	// A spinning function still ends at its deadline without the
	// mechanism, and the server goes on answering.
	if code, body, _ := p.do(ctx, "POST", "/admin/spin", "", nil); code != 504 {
		t.Errorf("spinning function: %d %s", code, body)
	}
	if code, body, _ := p.do(ctx, "POST", "/admin/ok", "", nil); code != 200 {
		t.Errorf("ok: %d %s", code, body)
	}
}

// TestServeRejectsBadSettings: a value that does not parse or is out of
// range, in a flag or in the environment, stops `tarsus serve` before it
// opens anything, with a message naming the source and what to write.
func TestServeRejectsBadSettings(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"TARSUS_TIMEOUT": "30"}, nil, `TARSUS_TIMEOUT="30": a duration with a unit, e.g. 30s or 500ms`},
		{nil, []string{"--timeout", "30"}, `--timeout "30": a duration with a unit, e.g. 30s or 500ms`},
		{map[string]string{"TARSUS_TIMEOUT": "0s"}, nil, `TARSUS_TIMEOUT="0s": must be at least 1ms`},
		{map[string]string{"TARSUS_TIMEOUT": "-5s"}, nil, `TARSUS_TIMEOUT="-5s": must be at least 1ms`},
		{map[string]string{"TARSUS_IDLE_TIMEOUT": "5"}, nil, `TARSUS_IDLE_TIMEOUT="5": a duration with a unit`},
		{map[string]string{"TARSUS_NICE_AFTER": "-1ms"}, nil, `TARSUS_NICE_AFTER="-1ms": must be at least 0s`},
		{map[string]string{"TARSUS_MAX_RUNTIMES": "four"}, nil, `TARSUS_MAX_RUNTIMES="four": a whole number, e.g. 4`},
		{map[string]string{"TARSUS_MAX_RUNTIMES": "0"}, nil, `TARSUS_MAX_RUNTIMES="0": must be between 1 and 1024`},
		{nil, []string{"--max-runtimes=-3"}, `--max-runtimes "-3": must be between 1 and 1024`},
		{map[string]string{"TARSUS_KEEP_DEPLOYMENTS": "0"}, nil, `TARSUS_KEEP_DEPLOYMENTS="0": must be between 1 and 100000`},
		{map[string]string{"TARSUS_MEMORY_LIMIT": "2 gigs"}, nil, `TARSUS_MEMORY_LIMIT="2 gigs": a size in bytes, e.g. 134217728, 128MiB or 2GiB`},
		{nil, []string{"--memory-limit", "-1"}, `--memory-limit "-1": a size in bytes`},
		{map[string]string{"TARSUS_LOG_LEVEL": "verbose"}, nil, `TARSUS_LOG_LEVEL="verbose": use debug, info, warn, error`},
		{map[string]string{"TARSUS_ADDR": "3401"}, nil, `TARSUS_ADDR="3401": a listen address host:port, e.g. :3401 or 127.0.0.1:3401`},
		{map[string]string{"TARSUS_DEBUG_ADDR": "localhost:http-alt"}, nil, `TARSUS_DEBUG_ADDR="localhost:http-alt": a listen address host:port with a port number`},
		{map[string]string{"TARSUS_DATA": " "}, nil, `TARSUS_DATA=" ": must not be empty`},
		{map[string]string{"TARSUS_MAX_STORED_BYTES": "lots"}, nil, `TARSUS_MAX_STORED_BYTES="lots": a size in bytes, e.g. 134217728, 128MiB or 2GiB`},
		{nil, []string{"--max-build-bytes", "64MB/s"}, `--max-build-bytes "64MB/s": a size in bytes`},
		{map[string]string{"TARSUS_MAX_LOG_FOLLOWERS": "-1"}, nil, `TARSUS_MAX_LOG_FOLLOWERS="-1": must be between 0 and 10000`},
		{map[string]string{"TARSUS_MAX_LOG_BYTES_PER_DAY": "1e9"}, nil, `TARSUS_MAX_LOG_BYTES_PER_DAY="1e9": a size in bytes`},
		// Every bad value is named, one a line.
		{map[string]string{"TARSUS_TIMEOUT": "30", "TARSUS_MAX_RUNTIMES": "x"}, nil, "TARSUS_TIMEOUT=\"30\": a duration with a unit, e.g. 30s or 500ms\nTARSUS_MAX_RUNTIMES=\"x\": a whole number, e.g. 4"},
		// A flag wins over a bad environment value.
		{map[string]string{"TARSUS_TIMEOUT": "30"}, []string{"--timeout", "30s", "--data", "", "--addr", "x"}, `--addr "x": a listen address`},
	} {
		data := t.TempDir()
		vars := map[string]string{"TARSUS_DATA": data + "/d", "TARSUS_ADDR": "127.0.0.1:0"}
		for k, v := range c.env {
			vars[k] = v
		}
		e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return vars[k] }}
		root := newRoot(e)
		root.SetArgs(append([]string{"serve"}, c.args...))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := root.ExecuteContext(ctx)
		cancel()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("env %v args %v: got %v, want %q", c.env, c.args, err, c.want)
		}
		if _, err := os.Stat(data + "/d"); err == nil {
			t.Errorf("env %v args %v: the data folder was created before the settings were checked", c.env, c.args)
		}
	}
}

// TestServeSettingsParse: good values in every accepted form reach the
// server's configuration.
func TestServeSettingsParse(t *testing.T) {
	vars := map[string]string{"TARSUS_MEMORY_LIMIT": "128MiB", "TARSUS_NICE_AFTER": "0", "TARSUS_TIMEOUT": "1m30s", "TARSUS_MAX_STORED_BYTES": "1GiB", "TARSUS_MAX_LOG_FOLLOWERS": "0"}
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return vars[k] }}
	cmd := &cobra.Command{}
	var cfg serveConfig
	o := serveOptions(cmd, e, &cfg)
	if err := cmd.ParseFlags([]string{"--max-runtimes", "9", "--idle-timeout", "2m"}); err != nil {
		t.Fatal(err)
	}
	if err := o.check(); err != nil {
		t.Fatal(err)
	}
	if cfg.MemoryLimit != 128<<20 || cfg.NiceAfter != 0 || cfg.Timeout != 90*time.Second || cfg.MaxRuntimes != 9 || cfg.IdleTimeout != 2*time.Minute || cfg.KeepDeploys != 50 || cfg.Addr != ":3401" || cfg.LogLevel != "info" ||
		cfg.MaxStoredBytes != 1<<30 || cfg.MaxLogFollowers != 0 || cfg.MaxBuildBytes != 64<<20 || cfg.MaxLogBytesPerDay != 64<<20 {
		t.Errorf("settings: %+v", cfg)
	}
	f := cmd.Flags()
	if f.Lookup("memory-limit").Value.Type() != "bytes" || f.Lookup("timeout").Value.Type() != "duration" || f.Lookup("memory-limit").DefValue != "128MiB" {
		t.Errorf("--help shows: %s %s %s", f.Lookup("memory-limit").Value.Type(), f.Lookup("timeout").Value.Type(), f.Lookup("memory-limit").DefValue)
	}
	for in, want := range map[string]int64{"1048576": 1 << 20, "128MiB": 128 << 20, "2GiB": 2 << 30, "1.5GiB": 3 << 29, "64KB": 64000, "1G": 1 << 30, "0": 0, " 512 KiB ": 512 << 10} {
		if n, err := parseSize(in); err != nil || n != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, n, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1.5", "MiB", "12XB", "1e400GiB", "NaNGiB"} {
		if n, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", in, n)
		}
	}
}
