//go:build !linux

package engine

import "errors"

// CPUFairness says whether this process can run the CPU-fairness mechanism
// (see Config.NiceAfter): it needs Linux's per-thread priorities.
func CPUFairness() error {
	return errors.New("per-thread priorities are Linux-only")
}

func canRenice() bool { return false }

func lockThread() int { return 0 }

func unlockThread() {}

func threadCPU(int) int64 { return -1 }

func setNice(int, int) bool { return false }

func lowerThreadPriority() {}

const niceLevel = 10
