package engine

import (
	"context"
	"io"
	"time"
)

// Host is everything outside its runtime that a function can reach: its
// environment and secrets, its KV store and the network. The engine calls
// it with the owning user's name on every call; an implementation must
// answer only with that user's data.
//
// Only plain data crosses this interface (no goja values, no callbacks into
// a runtime), so the same calls can be served in-process by the platform
// or, with worker processes, relayed across the process boundary. Calls
// come from the runtime's own goroutines while the invocation waits on its
// event loop; they must be safe for concurrent use and must return when
// ctx (the invocation's: its deadline, its end) is done.
//
// A nil Config.Host gives functions an empty process.env, and KV and fetch
// calls fail with a clear error.
type Host interface {
	// Env is the user's environment (variables and decrypted secrets) as
	// one invocation sees it; changes are visible to the next invocation.
	Env(ctx context.Context, user string) (map[string]string, error)
	// KV runs one operation on the user's KV store.
	KV(ctx context.Context, user string, op *KVOp) (*KVResult, error)
	// Fetch makes one outgoing HTTP request (no redirects followed: the
	// engine follows them, asking Fetch again for each hop so that every
	// hop passes the egress rules). The response body must be closed.
	Fetch(ctx context.Context, user string, req *FetchRequest) (*FetchResponse, error)
}

// HostError is an error a Host returns that a function may see: its code
// becomes the JS error's code property (TARSUS_EGRESS_DENIED,
// TARSUS_KV_QUOTA, …) and its message says what to fix.
type HostError struct {
	ErrCode string
	Message string
}

func (e *HostError) Error() string { return e.Message }

// Code is the machine-readable code of the error.
func (e *HostError) Code() string { return e.ErrCode }

// KVOp is one KV operation. Op is "get", "put", "delete", "list" or "cas".
type KVOp struct {
	Op  string
	Key string
	// put and cas
	Value []byte
	TTL   time.Duration // 0: never expires
	// cas: the write happens only if the key's version is still Version
	// (0: the key must not exist).
	Version uint64
	// list
	Prefix string
	Limit  int
	Cursor string
}

// KVResult is a KV operation's answer.
type KVResult struct {
	Found     bool
	Value     []byte
	Version   uint64    // of the key after get, put or cas
	ExpiresAt time.Time // zero: never
	// cas: false when the key changed since Version (nothing written).
	Swapped bool
	// list
	Keys   []KVKey
	Cursor string // "" when the list is complete
}

// KVKey is one key of a list.
type KVKey struct {
	Name      string
	ExpiresAt time.Time
}

// FetchRequest is one outgoing HTTP request.
type FetchRequest struct {
	Method  string
	URL     string
	Headers []Header
	Body    io.Reader // nil: no body
}

// FetchResponse is the answer to a FetchRequest. Body yields at most the
// Host's response size cap and then fails with a *HostError naming it.
type FetchResponse struct {
	Status     int
	StatusText string
	Headers    []Header
	Body       io.ReadCloser
}
