#!/usr/bin/env bash
# Make sure a Java 17+ runtime exists for PySpark (veil.integrations.spark, the `spark` extra):
# Debian's default headless JRE (17 on bookworm, 21 on trixie). Nothing is started here.
set -euo pipefail
java_major() {
  java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'
}
if command -v java >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ]; then exit 0; fi
echo "installing a Java runtime for PySpark (Debian default-jre-headless)..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
[ "$(java_major)" -ge 17 ] || { echo "Java 17+ needed for PySpark; got $(java_major)" >&2; exit 1; }
