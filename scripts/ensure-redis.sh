#!/usr/bin/env bash
# Make sure a redis-server binary exists. Tests start their own server on loopback with a random
# port (tests/conftest.py) and stop it; nothing here starts a daemon.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
echo "installing redis-server (Debian package)..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# policy-rc.d 101: do not let the package start a system-wide daemon.
if [ -z "$SUDO" ] && [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
command -v redis-server >/dev/null
