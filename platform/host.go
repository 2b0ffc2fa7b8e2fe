package platform

import (
	"context"

	"github.com/tarsus/tarsus/engine"
)

// host serves functions the platform's services (engine.Host): the
// user's environment and secrets, their KV store, and outgoing requests.
// Every call is for the user the engine names, and reads only that user's
// data.
type host struct {
	p *Platform
}

var _ engine.Host = host{}

func notAvailable(what string) error {
	return &engine.HostError{ErrCode: "TARSUS_NOT_AVAILABLE", Message: what + " is not available on this server yet"}
}

// Env is the user's environment as the next invocation sees it.
func (h host) Env(ctx context.Context, user string) (map[string]string, error) {
	return h.p.hostEnv(ctx, user) // env.go
}

// KV runs one operation on the user's KV store.
func (h host) KV(ctx context.Context, user string, op *engine.KVOp) (*engine.KVResult, error) {
	return h.p.hostKV(ctx, user, op) // kv.go
}

// Fetch makes one outgoing request under the egress rules.
func (h host) Fetch(ctx context.Context, user string, req *engine.FetchRequest) (*engine.FetchResponse, error) {
	return nil, notAvailable("fetch")
}
