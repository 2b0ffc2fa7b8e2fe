//go:build !linux

package engine

func threadFaults(int) int64 { return -1 }
