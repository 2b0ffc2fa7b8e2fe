//go:build !linux

package engine

func canRenice() bool { return false }

func lockThread() int { return 0 }

func unlockThread() {}

func threadCPU(int) int64 { return -1 }

func setNice(int, int) bool { return false }

func lowerThreadPriority() {}

const niceLevel = 10
