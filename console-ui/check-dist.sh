#!/usr/bin/env bash
# Fails when the committed console-ui/dist differs from a fresh build of the
# console's sources (CI calls this). The build is deterministic: the same
# sources and package-lock.json give byte-identical files with the same
# content-hashed names.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npm run build
if ! git diff --exit-code --stat -- dist || [ -n "$(git status --porcelain --untracked-files=all -- dist)" ]; then
  git status --short --untracked-files=all -- dist >&2
  echo "console-ui/dist is stale: run \`task ui:build\` (cd console-ui && npm ci && npm run build) and commit dist/" >&2
  exit 1
fi
echo "console-ui/dist matches a fresh build"
