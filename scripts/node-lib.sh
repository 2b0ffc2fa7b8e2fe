#!/bin/sh
# Regenerates engine/lib/*.gen.js: the npm ports some built-in modules are
# made from (versions pinned in engine/libgen/package-lock.json, bundled by
# engine/libgen) and the names of the unavailable modules' functions (from
# the installed Node 20, engine/libgen/names.js).
# With -check, only compares them with the committed files (for CI).
set -eu
cd "$(dirname "$0")/.."
(cd engine/libgen && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
mods="zlib os fs fs/promises net tls http https http2 child_process worker_threads dns dns/promises cluster dgram vm v8 inspector readline readline/promises repl tty trace_events wasi"
names=$(mktemp)
trap 'rm -f "$names"' EXIT
node --no-warnings engine/libgen/names.js $mods >"$names"
if [ "${1:-}" = "-check" ]; then
	cmp -s "$names" engine/lib/unavailable_names.gen.js || { echo "engine/lib/unavailable_names.gen.js is stale: run scripts/node-lib.sh" >&2; exit 1; }
	exec go run ./engine/libgen -check
fi
cp "$names" engine/lib/unavailable_names.gen.js && chmod 644 engine/lib/unavailable_names.gen.js
exec go run ./engine/libgen
