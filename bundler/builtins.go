package bundler

import "strings"

// defaultBuiltins are the Node built-in modules a function may import when
// Options.Builtins is nil: the ones the engine's require provides.
func defaultBuiltins() []string { return []string{"buffer", "url", "util"} }

// nodeBuiltins is the set of Node.js built-in module names (Node 20's
// module.builtinModules, plus those only reachable with the "node:" prefix).
var nodeBuiltins = map[string]struct{}{
	"_http_agent": {}, "_http_client": {}, "_http_common": {}, "_http_incoming": {},
	"_http_outgoing": {}, "_http_server": {}, "_stream_duplex": {}, "_stream_passthrough": {},
	"_stream_readable": {}, "_stream_transform": {}, "_stream_wrap": {}, "_stream_writable": {},
	"_tls_common": {}, "_tls_wrap": {}, "assert": {}, "assert/strict": {}, "async_hooks": {},
	"buffer": {}, "child_process": {}, "cluster": {}, "console": {}, "constants": {},
	"crypto": {}, "dgram": {}, "diagnostics_channel": {}, "dns": {}, "dns/promises": {},
	"domain": {}, "events": {}, "fs": {}, "fs/promises": {}, "http": {}, "http2": {},
	"https": {}, "inspector": {}, "inspector/promises": {}, "module": {}, "net": {}, "os": {},
	"path": {}, "path/posix": {}, "path/win32": {}, "perf_hooks": {}, "process": {},
	"punycode": {}, "querystring": {}, "readline": {}, "readline/promises": {}, "repl": {},
	"stream": {}, "stream/consumers": {}, "stream/promises": {}, "stream/web": {},
	"string_decoder": {}, "sys": {}, "timers": {}, "timers/promises": {}, "tls": {},
	"trace_events": {}, "tty": {}, "url": {}, "util": {}, "util/types": {}, "v8": {},
	"vm": {}, "wasi": {}, "worker_threads": {}, "zlib": {},
}

// builtinName reports whether spec names a Node built-in ("fs",
// "fs/promises", "node:anything") or a Tarsus module ("tarsus:kv") and
// returns its name without "node:".
func builtinName(spec string) (string, bool) {
	if name, ok := strings.CutPrefix(spec, "node:"); ok {
		return name, true
	}
	if isTarsusModule(spec) {
		return spec, true
	}
	_, ok := nodeBuiltins[spec]
	return spec, ok
}

// isTarsusModule reports whether spec names one of Tarsus's own modules
// ("tarsus:kv"): provided by the engine when it is in Options.Builtins,
// never looked for in node_modules.
func isTarsusModule(spec string) bool { return strings.HasPrefix(spec, "tarsus:") }
