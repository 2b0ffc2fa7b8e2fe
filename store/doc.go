// Package store is Tarsus's persistent store: users, API tokens, each user's
// tree of deployed functions, content-addressed blobs, deployment history and
// function logs.
//
// Store is the seam the rest of Tarsus programs against; *Badger, returned by
// Open, implements it on an embedded Badger v4 database. Badger never appears
// in the exported API: its errors are translated to this package's sentinels
// (ErrNotFound, ErrExists, ErrConflict, ErrClosed, ErrInvalid) at the boundary.
//
// # Key layout
//
// User and file names never contain '/', so every per-user prefix below ends
// at a '/' and one user's prefix can never be the start of another user's.
//
//	u/<user>               User as JSON
//	t/<tokenhash>          token record as JSON: user, name, kind, createdAt,
//	                       lastUsedAt, expiresAt (tokenhash = sha256 hex). A
//	                       value not starting with '{' is the owner's name
//	                       alone, as written before tokens had records; it is
//	                       read as a token of kind "legacy" that never expires
//	tk/<user>/<tokenhash>  empty; index so a user's tokens can be listed. A
//	                       token's id is the first 16 hex digits of its hash,
//	                       so revoking by id is one prefix seek here
//	tree/<user>            live Tree as zstd(JSON)
//	b/<user>/<sha256>      file content (source, bundle or map) as zstd(bytes)
//	rc/<user>/<sha256>     reference count of that blob, 8 bytes big-endian (gc.go)
//	d/<user>/<id>          Deployment without its Tree, as JSON (the listing)
//	dt/<user>/<id>         that deployment's tree (map[path]FileMeta) as zstd(JSON)
//	dr/<user>/<id>         blob hashes that deployment replaced or removed, zstd(JSON)
//	gc/<user>              live tree (version, time) the counts hold for,
//	                       whether blobs no count covers may exist, and the
//	                       stored bytes of the counted blobs (gc.go, quota.go)
//	l/<user>/<seq>         LogRecord as JSON; seq is 8 bytes big-endian; Badger TTL
//	ls/<user>              last log seq handed out, 8 bytes big-endian (no TTL)
//	env/<user>/<NAME>      EnvVar as JSON (a secret's value is ciphertext)
//	skc                    the secret key's check value (the platform's)
//	kv/<user>/<key>        KV value: format byte 1, version and expiry (unix
//	                       ns, 0: never) 8 bytes big-endian each, then the
//	                       value's bytes as given (not compressed)
//	kvx/<user>/<exp><key>  empty; expiry index (exp 8 bytes big-endian)
//	kvu/<user>             KV usage: keys, bytes (key + value) and the last
//	                       version handed out, 8 bytes big-endian each
//
// A deployment id is its tree version as 12 zero-padded digits, so ids sort
// oldest-first lexicographically.
//
// # Deploy
//
// A Badger transaction may hold at most ~15% of the memtable (about 2.4 MiB
// here). A deploy therefore writes its blobs first, through a WriteBatch that
// splits them over as many transactions as needed, and then flips the live
// tree in one small transaction that writes tree/, d/ and dt/.
//
// Blobs are garbage-collected by per-user reference counts (gc.go has the
// invariant and its proof): the flip also adds the blobs of the files it
// adds or changes to the counts and records, under dr/, the hashes of the
// files it replaces or removes. After the flip, deployments beyond
// Config.KeepDeployments are dropped oldest first, one transaction each,
// taking the next deployment's dr/ off the counts and deleting every blob
// whose count reaches zero. A deploy's garbage collection therefore costs
// O(files it changed + files the dropped deployment's successor changed),
// however many deployments are kept. Blobs written by a deploy that failed
// or crashed before its flip have no count; the deploy marks gc/ pending
// first, and the user's next deploy or rollback deletes them.
//
// Counts are trusted only when gc/ matches the live tree. Data written
// before counts existed has none, so the first deploy or rollback of each
// user after an upgrade flips without counts and rebuilds them from every
// kept tree (as every deploy did before); so does a deploy whose counts
// would not fit in its transaction, or whose counts disagree with the
// deployments.
//
// A user's stored bytes (StoredBytes) are kept in gc/ by the same
// transactions that change the counts, so reading them costs one key;
// Config.MaxStoredBytes caps them per user (quota.go).
//
// Deploys, rollbacks and user creation/deletion of one user are serialized by
// a per-user mutex; different users proceed in parallel.
//
// # Logs
//
// Log records carry a per-user sequence number that is monotonic across
// restarts: the last number handed out is persisted under ls/<user> in the
// same transaction as the records, because the TTL may have removed every
// record by the next start. Logs reads at most the newest
// Config.MaxLogsPerUser records of a user; older records are invisible and
// Badger's TTL (Config.LogRetention) deletes them.
//
// # User data: env and KV
//
// A user's env and KV writes are serialized by a per-user mutex (so they
// never conflict in Badger) and each is one transaction that also updates
// kvu/<user>: the usage the quotas (Config.MaxKVKeys, MaxKVBytes) are
// checked against is exact at every commit, and a version is handed out
// from it, so versions grow per user and compare-and-set (KVWrite's
// CheckVersion) is a read and a write in one transaction.
//
// Expiry is ours, not Badger's TTL (which would delete keys behind the
// usage's back): a key past its expiry reads as absent and lists as
// absent at once; kvx/ orders a user's expiring keys by time, and sweeps
// delete the due ones with their usage: the GC loop every five minutes,
// and a write that would pass a quota (before it is refused). Values are
// stored uncompressed: the quota counts what the function put, and a read
// costs no decoding. An in-memory store (Config.InMemory) holds values of
// at most 1 MiB less the 17-byte header: Badger's in-memory value limit.
//
// A list cursor is the last key answered, encoded; it positions a listing
// in the caller's own keyspace (kv/<user>/), so a cursor can never reach
// another user's keys.
//
// # Footprint
//
// Values are compressed with zstd by this package (Badger's own compression
// only covers table blocks, never the value log), Badger's block cache is off
// and memtables are small (2 × 16 MiB). A goroutine runs value-log GC every
// five minutes until Close. Measured: Badger's defaults (64 MB memtables ×
// 5, a 256 MB block cache) held 430–550 MB RSS for 117 MB of values; this
// tuning held 51–61 MB, 12 MB on disk, reads ~55 µs with decompression.
package store
