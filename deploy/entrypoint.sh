#!/bin/sh
# Start-up script of the Veil container (also run as is, outside a container, by the tests).
#
#   veil-entrypoint [serve-flags...]   start the gateway (exec: the process gets the signals)
#   veil-entrypoint healthcheck        GET /healthz on the local port; exit 0 when it answers 200
#
# The image's root file system is read-only: state lives in VEIL_HOME (a volume), caches in
# VEIL_CACHE_DIR and /tmp (tmpfs). Secrets come from files mounted by the orchestrator
# (*_FILE variables) so they never appear in `docker inspect` or the pod spec.
set -eu

VEIL_HOST="${VEIL_HOST:-0.0.0.0}"
VEIL_PORT="${VEIL_PORT:-8000}"
export VEIL_HOST VEIL_PORT

if [ "${1:-}" = "healthcheck" ]; then
  exec python3 -c 'import sys, urllib.request
try:
    r = urllib.request.urlopen(sys.argv[1], timeout=4)
    sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)' "http://127.0.0.1:${VEIL_PORT}/healthz"
fi

die() { echo "veil-entrypoint: $*" >&2; exit 64; }

# Secrets from files: a mounted Secret (k8s) or a compose secret.
for name in VEIL_MASTER_KEY VEIL_UPSTREAM_API_KEY VEIL_REDIS_URL VEIL_SESSION_SECRET \
            VEIL_AUDIT_SIGNING_KEY; do
  eval "file=\${${name}_FILE:-}"
  if [ -n "$file" ]; then
    [ -r "$file" ] || die "${name}_FILE=$file is not readable; mount the secret there"
    value="$(cat "$file")"
    [ -n "$value" ] || die "${name}_FILE=$file is empty"
    export "$name=$value"
  fi
done

# No network at run time: models come from the image, never from a hub.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS=""
export PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1

VEIL_HOME="${VEIL_HOME:-/var/lib/veil}"
VEIL_CACHE_DIR="${VEIL_CACHE_DIR:-/var/cache/veil}"
export VEIL_HOME VEIL_CACHE_DIR
for dir in "$VEIL_HOME" "$VEIL_CACHE_DIR"; do
  mkdir -p "$dir" 2>/dev/null || true
  [ -d "$dir" ] && [ -w "$dir" ] || die "$dir is not writable; mount a volume (or tmpfs) there \
(the root file system is read-only)"
done

if [ "${VEIL_VAULT_BACKEND:-sqlite}" = "redis" ] && [ -z "${VEIL_MASTER_KEY:-}" ] \
   && [ ! -e "$VEIL_HOME/custody.json" ]; then
  die "VEIL_VAULT_BACKEND=redis needs the shared master key (VEIL_MASTER_KEY_FILE): every \
replica must open the same vault (or split custody: $VEIL_HOME/custody.json)"
fi

exec veil serve --host "$VEIL_HOST" --port "$VEIL_PORT" "$@"
