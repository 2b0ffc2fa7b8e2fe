//go:build !linux

package engine

import "time"

type niceGuard struct{}

func canRenice() bool { return false }

func startNice(time.Duration) *niceGuard { return nil }

func (g *niceGuard) stop() bool { return false }

func lowerThreadPriority() {}
