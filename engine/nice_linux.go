package engine

import (
	"bytes"
	"fmt"
	"os"
	goruntime "runtime"
	"strconv"
	"syscall"
)

// A function that keeps a CPU busy for more than a few milliseconds (a
// loop until its deadline) would otherwise get Go's full 10 ms scheduling
// quantum each turn, while ordinary requests need a fraction of a
// millisecond: on a busy core, one spinning user would take most of the CPU
// from everyone else. So an invocation runs on a thread of its own, and once
// it has kept its thread busy (measured in the thread's own CPU time, so a
// function that waits on a timer, or that is merely slowed by others, is
// left alone) that thread's nice value goes to niceLevel: the kernel
// then gives it a small share of the CPU whenever other requests are
// runnable, and the full CPU when they are not. With more Go Ps than cores
// (see cmd/tarsus), the other requests keep running on other threads.

// canRenice reports whether this process may lower and then restore a
// thread's priority (restoring needs CAP_SYS_NICE or a high enough
// RLIMIT_NICE); without that the mechanism is off, never half on.
func canRenice() bool { return CPUFairness() == nil }

// CPUFairness says whether this process can run the CPU-fairness mechanism
// (see Config.NiceAfter): nil if it can, else why not. It tries for real,
// on a thread of its own that is thrown away when the priority cannot be
// restored, so the probe never leaves a de-prioritised thread behind and
// never touches the caller's thread.
func CPUFairness() error {
	res := make(chan error, 1)
	go func() {
		goruntime.LockOSThread()
		tid := syscall.Gettid()
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, 1); err != nil {
			goruntime.UnlockOSThread()
			res <- fmt.Errorf("cannot change a thread's priority: %w", err)
			return
		}
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, 0); err != nil {
			// Stuck at nice 1: this goroutine ends still locked to its
			// thread, so the Go runtime ends the thread with it.
			res <- fmt.Errorf("cannot restore a thread's priority after lowering it (needs CAP_SYS_NICE or RLIMIT_NICE): %w", err)
			return
		}
		goruntime.UnlockOSThread()
		res <- nil
	}()
	return <-res
}

// lockThread pins the calling goroutine to its thread and returns the
// thread's id.
func lockThread() int {
	goruntime.LockOSThread()
	return syscall.Gettid()
}

// unlockThread undoes lockThread.
func unlockThread() { goruntime.UnlockOSThread() }

// setNice sets a thread's nice value.
func setNice(tid, level int) bool {
	return syscall.Setpriority(syscall.PRIO_PROCESS, tid, level) == nil
}

// threadCPU is the CPU time a thread of this process has used, in ns, from
// /proc/self/task/<tid>/schedstat; -1 if it cannot be read.
func threadCPU(tid int) int64 {
	b, err := os.ReadFile("/proc/self/task/" + strconv.Itoa(tid) + "/schedstat")
	if err != nil {
		return -1
	}
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// lowerThreadPriority pins the calling goroutine to its thread for good and
// gives that thread the lowest priority: background work (preparing spare
// runtimes) then only uses a CPU that requests leave idle. The thread ends
// with the goroutine.
func lowerThreadPriority() {
	goruntime.LockOSThread()
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 19)
}

// niceLevel is the priority of a CPU-hogging invocation's thread: low
// enough that other requests get most of the CPU, not so low that the Go
// scheduler's work on that thread (handing its queued goroutines on)
// stalls.
const niceLevel = 10
