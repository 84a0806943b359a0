#!/usr/bin/env bash
# Debian packages the deployment tests need: haproxy (load balancer in front of the replica rig)
# and redis-sentinel (failover of the shared vault). kubectl (its built-in kustomize renders
# deploy/k8s) is part of this machine image; without it the Kubernetes tests cannot render.
# Nothing here starts a daemon: the tests start their own servers on loopback and stop them.
set -euo pipefail
need=()
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
command -v redis-sentinel >/dev/null 2>&1 || need+=(redis-sentinel)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages)..." >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  # policy-rc.d 101: do not let the packages start system-wide daemons.
  if [ -z "$SUDO" ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v haproxy >/dev/null && command -v redis-sentinel >/dev/null
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl not found: install kubectl >= 1.27 (its built-in kustomize renders deploy/k8s)" >&2
  exit 1
fi
