#!/usr/bin/env bash
# Checks that the JavaScript engine/libgen vendors into engine/lib (from the
# npm packages pinned in engine/libgen/package-lock.json) is what libgen
# builds today. Needs npm (the registry) and Go.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd engine/libgen && npm ci --no-audit --no-fund --silent)
go run ./engine/libgen -dir engine -check
