package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/klauspost/compress/zstd"
)

var _ Store = (*Badger)(nil)

// Badger tuning for a small footprint (see Footprint in doc.go).
const (
	memTableSize       = 16 << 20
	numMemtables       = 2
	valueLogFileSize   = 64 << 20
	numLevelZeroTables = 2
	numCompactors      = 2
	gcInterval         = 5 * time.Minute
	gcDiscardRatio     = 0.5
	// purgeBatch is how many keys one pass of a prefix purge collects.
	purgeBatch = 10000
)

// Badger is the Store on an embedded Badger database. Create it with Open.
type Badger struct {
	db  *badger.DB
	cfg Config
	log *slog.Logger
	enc *zstd.Encoder
	dec *zstd.Decoder

	// closeMu is held shared by every call and exclusively by Close.
	closeMu sync.RWMutex
	closed  bool

	stopGC chan struct{}
	gcDone chan struct{}

	usersMu sync.Mutex
	users   map[string]*userState
}

// userState serializes one user's writes.
type userState struct {
	// mu serializes deploys, rollbacks, user creation and deletion.
	mu sync.Mutex
	// logMu serializes log appends (so seqs commit in order) and guards
	// seq and seqLoaded. Lock order: mu before logMu.
	logMu     sync.Mutex
	seq       uint64
	seqLoaded bool
	// dataMu serializes writes of the user's env and KV store (data.go),
	// so that they never conflict with each other in Badger.
	dataMu sync.Mutex
}

// Open opens (creating if needed) the store in cfg.Dir. log may be nil.
// Only one Badger may have a directory open at a time.
func Open(cfg Config, log *slog.Logger) (*Badger, error) {
	return open(cfg, log, memTableSize)
}

// open is Open with the memtable size, which also bounds what one
// transaction may hold (15% of it): tests shrink it to reach that bound
// with little data.
func open(cfg Config, log *slog.Logger, memTable int64) (*Badger, error) {
	cfg = cfg.withDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Dir == "" && !cfg.InMemory {
		return nil, fmt.Errorf("%w: Config.Dir is required", ErrInvalid)
	}
	dir := cfg.Dir
	if cfg.InMemory {
		dir = ""
	}
	opts := badger.DefaultOptions(dir).
		WithInMemory(cfg.InMemory).
		WithLogger(badgerLogger{log}).
		WithLoggingLevel(badger.WARNING).
		WithSyncWrites(cfg.SyncWrites).
		WithCompression(options.None).
		WithBlockCacheSize(0).
		WithMemTableSize(memTable).
		WithNumMemtables(numMemtables).
		WithValueLogFileSize(valueLogFileSize).
		WithNumLevelZeroTables(numLevelZeroTables).
		WithNumCompactors(numCompactors).
		WithMetricsEnabled(false)
	// Badger refuses a value threshold above what a transaction holds.
	opts = opts.WithValueThreshold(min(opts.ValueThreshold, memTable/8))
	db, err := badger.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("store: open %q: %v", cfg.Dir, err)
	}
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedDefault),
		zstd.WithLowerEncoderMem(true))
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: zstd encoder: %v", err)
	}
	dec, err := zstd.NewReader(nil)
	if err != nil {
		_ = enc.Close()
		_ = db.Close()
		return nil, fmt.Errorf("store: zstd decoder: %v", err)
	}
	b := &Badger{
		db:     db,
		cfg:    cfg,
		log:    log,
		enc:    enc,
		dec:    dec,
		stopGC: make(chan struct{}),
		gcDone: make(chan struct{}),
		users:  make(map[string]*userState),
	}
	if cfg.InMemory {
		close(b.gcDone)
	} else {
		go b.gcLoop()
	}
	return b, nil
}

// Close stops value-log GC and closes the database after calls in progress
// return. A second Close returns ErrClosed.
func (b *Badger) Close() error {
	b.closeMu.Lock()
	defer b.closeMu.Unlock()
	if b.closed {
		return ErrClosed
	}
	b.closed = true
	close(b.stopGC)
	<-b.gcDone
	err := b.db.Close()
	_ = b.enc.Close()
	b.dec.Close()
	if err != nil {
		return fmt.Errorf("store: close: %v", err)
	}
	return nil
}

// enter marks a call in progress; pair it with b.leave().
func (b *Badger) enter(ctx context.Context) error {
	b.closeMu.RLock()
	if b.closed {
		b.closeMu.RUnlock()
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		b.closeMu.RUnlock()
		return err
	}
	return nil
}

func (b *Badger) leave() { b.closeMu.RUnlock() }

func (b *Badger) gcLoop() {
	defer close(b.gcDone)
	t := time.NewTicker(gcInterval)
	defer t.Stop()
	for {
		select {
		case <-b.stopGC:
			return
		case <-t.C:
		}
		start := time.Now()
		n := 0
		var err error
		// Badger asks to repeat while a run rewrote a file.
		for {
			if err = b.db.RunValueLogGC(gcDiscardRatio); err != nil {
				break
			}
			n++
			select {
			case <-b.stopGC:
				return
			default:
			}
		}
		if errors.Is(err, badger.ErrNoRewrite) || errors.Is(err, badger.ErrRejected) {
			err = nil
		}
		if serr := b.sweepAllKV(); serr != nil {
			b.log.Warn("store: sweeping expired KV keys failed", "err", serr)
		}
		b.log.Debug("store: value-log gc", "files", n, "dur_ms", time.Since(start).Milliseconds(), "err", err)
		if err != nil {
			b.log.Warn("store: value-log gc failed", "err", err)
		}
	}
}

// user returns the lock state of a user, creating it on first use.
func (b *Badger) user(name string) *userState {
	b.usersMu.Lock()
	defer b.usersMu.Unlock()
	u, ok := b.users[name]
	if !ok {
		u = &userState{}
		b.users[name] = u
	}
	return u
}

// xlate translates an error at the package boundary: this package's own
// errors and context errors pass through, Badger's are mapped to sentinels
// or flattened so no Badger error type reaches callers.
func xlate(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrExists), errors.Is(err, ErrConflict),
		errors.Is(err, ErrClosed), errors.Is(err, ErrInvalid), errors.Is(err, ErrQuota),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, badger.ErrKeyNotFound):
		return fmt.Errorf("%w: %s", ErrNotFound, op)
	case errors.Is(err, badger.ErrDBClosed):
		return ErrClosed
	case errors.Is(err, badger.ErrConflict):
		return fmt.Errorf("%w: %s: concurrent write", ErrConflict, op)
	default:
		return fmt.Errorf("store: %s: %v", op, err)
	}
}

// ---- keys ----

func keyUser(name string) []byte             { return []byte("u/" + name) }
func keyToken(hash string) []byte            { return []byte("t/" + hash) }
func keyTokenIndex(user, hash string) []byte { return []byte("tk/" + user + "/" + hash) }
func keyTree(user string) []byte             { return []byte("tree/" + user) }
func keyBlob(user, hash string) []byte       { return []byte("b/" + user + "/" + hash) }
func keyDeploy(user, id string) []byte       { return []byte("d/" + user + "/" + id) }
func keyDeployTree(user, id string) []byte   { return []byte("dt/" + user + "/" + id) }
func keyLogSeq(user string) []byte           { return []byte("ls/" + user) }

func prefixTokenIndex(user string) []byte { return []byte("tk/" + user + "/") }
func prefixBlob(user string) []byte       { return []byte("b/" + user + "/") }
func prefixDeploy(user string) []byte     { return []byte("d/" + user + "/") }
func prefixDeployTree(user string) []byte { return []byte("dt/" + user + "/") }
func prefixLog(user string) []byte        { return []byte("l/" + user + "/") }

const prefixUsers = "u/"

func keyLog(user string, seq uint64) []byte {
	p := prefixLog(user)
	k := make([]byte, len(p)+8)
	copy(k, p)
	binary.BigEndian.PutUint64(k[len(p):], seq)
	return k
}

// userPrefixes lists the key prefixes holding a user's data. Each ends in
// '/', so it never matches another user's keys. The exact keys tree/<user>,
// ls/<user> and gc/<user> and the tokens are deleted separately.
func userPrefixes(user string) [][]byte {
	return [][]byte{prefixBlob(user), prefixRef(user), prefixDeploy(user), prefixDeployTree(user),
		prefixDeployRelease(user), prefixLog(user), prefixEnv(user), prefixKV(user), prefixKVExpiry(user), prefixKey(user)}
}

// deploymentID formats a version as a sortable id.
func deploymentID(version int64) string { return fmt.Sprintf("%012d", version) }

// upperBound returns a key greater than every key starting with prefix,
// for reverse iteration.
func upperBound(prefix []byte) []byte {
	k := make([]byte, len(prefix)+9)
	copy(k, prefix)
	for i := len(prefix); i < len(k); i++ {
		k[i] = 0xff
	}
	return k
}

// ---- validation ----

// validName reports whether s is a valid user name.
func validName(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case (c == '.' || c == '_' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}

func checkName(name string) error {
	if !validName(name) {
		return fmt.Errorf("%w: user name %q", ErrInvalid, name)
	}
	return nil
}

// validHex reports whether s is 1..128 lowercase hex digits.
func validHex(s string) bool {
	if len(s) == 0 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// validPath reports whether p is a clean relative slash-separated path.
func validPath(p string) bool {
	if len(p) == 0 || len(p) > 1024 || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// ---- values ----

func (b *Badger) compress(p []byte) []byte { return b.enc.EncodeAll(p, nil) }

func (b *Badger) decompress(p []byte) ([]byte, error) {
	out, err := b.dec.DecodeAll(p, nil)
	if err != nil {
		return nil, fmt.Errorf("store: corrupt value: %v", err)
	}
	return out, nil
}

func now() time.Time { return time.Now().UTC() }

// badgerLogger routes Badger's own log to slog at warn level and above.
type badgerLogger struct{ log *slog.Logger }

func (l badgerLogger) Errorf(f string, a ...any) {
	l.log.Error(strings.TrimSpace(fmt.Sprintf(f, a...)), "component", "badger")
}

func (l badgerLogger) Warningf(f string, a ...any) {
	l.log.Warn(strings.TrimSpace(fmt.Sprintf(f, a...)), "component", "badger")
}
func (badgerLogger) Infof(string, ...any)  {}
func (badgerLogger) Debugf(string, ...any) {}
