#!/usr/bin/env bash
# Node's official openai SDK (pinned in tests/e2e/node/package.json) for the end-to-end tests.
# Installs into tests/e2e/node/node_modules; nothing global. Needs node >= 18 and npm.
set -euo pipefail
cd "$(dirname "$0")/../tests/e2e/node"
if ! command -v npm >/dev/null 2>&1; then
  echo "installing nodejs and npm (Debian packages)..." >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
want=$(node -p 'require("./package.json").dependencies.openai')
have=$(node -p 'try { require("./node_modules/openai/package.json").version } catch { "" }')
if [ "$want" != "$have" ]; then
  npm install --no-audit --no-fund --silent >&2
fi
