package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// proc is a child process in its own process group, so that stopping it
// also stops what it forked (cluster workers, runtime helpers).
type proc struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error
}

// startProc starts argv pinned to cpu (when set) with its output in logPath.
func startProc(name, cpu, dir, logPath string, env []string, argv ...string) (*proc, error) {
	if cpu != "" {
		argv = append([]string{"taskset", "-c", cpu}, argv...)
	}
	lf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = lf, lf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		lf.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		lf.Close()
		close(p.done)
	}()
	return p, nil
}

// pid is the process's id; taskset execs its command, so it is the server's.
func (p *proc) pid() int { return p.cmd.Process.Pid }

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop sends SIGTERM to the process group, then SIGKILL after grace.
func (p *proc) stop(grace time.Duration) {
	if p.exited() {
		return
	}
	pgid := p.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.done
	}
	// Children that outlived their parent (cluster workers) share the group.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
}

// kill stops the process group at once.
func (p *proc) kill() {
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	<-p.done
}

// why describes an early exit with the end of the process's log.
func (p *proc) why() string {
	msg := "exited"
	if p.err != nil {
		msg = p.err.Error()
	}
	if t := tail(p.log, 600); t != "" {
		msg += ": " + t
	}
	return msg
}

// freePort asks the kernel for an unused loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// mem is one process's memory as the kernel reports it.
type mem struct {
	RSS int64 // VmRSS, KiB
	PSS int64 // Pss from smaps_rollup, KiB (shared pages split among sharers)
}

func readMem(pid int) (mem, error) {
	var m mem
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return m, err
	}
	m.RSS = procField(b, "VmRSS:")
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid)); err == nil {
		m.PSS = procField(b, "Pss:")
	}
	if m.RSS == 0 {
		return m, fmt.Errorf("no VmRSS for pid %d", pid)
	}
	return m, nil
}

func procField(b []byte, key string) int64 {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, key) {
			f := strings.Fields(line[len(key):])
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// treeMem sums the memory of pid and all its descendants.
func treeMem(pid int) (mem, int, error) {
	pids := []int{pid}
	for i := 0; i < len(pids); i++ {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pids[i], pids[i]))
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(f); err == nil {
				pids = append(pids, n)
			}
		}
	}
	var sum mem
	for _, p := range pids {
		m, err := readMem(p)
		if err != nil {
			if p == pid {
				return sum, 0, err
			}
			continue
		}
		sum.RSS += m.RSS
		sum.PSS += m.PSS
	}
	return sum, len(pids), nil
}

// waitFor polls f until it returns nil, ctx ends or the process exits.
func waitFor(ctx context.Context, p *proc, limit time.Duration, f func() error) error {
	deadline := time.Now().Add(limit)
	var last error
	for time.Now().Before(deadline) {
		if last = f(); last == nil {
			return nil
		}
		if p != nil && p.exited() {
			return fmt.Errorf("%s %s", p.name, p.why())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Microsecond):
		}
	}
	return errors.Join(fmt.Errorf("%s not ready after %s", nameOf(p), limit), last)
}

func nameOf(p *proc) string {
	if p == nil {
		return "server"
	}
	return p.name
}

// dirSize is the bytes of the regular files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = walkFiles(dir, func(sz int64) { n += sz })
	return n
}

func walkFiles(dir string, f func(int64)) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		p := dir + "/" + e.Name()
		if e.IsDir() {
			_ = walkFiles(p, f)
			continue
		}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			f(info.Size())
		}
	}
	return nil
}
