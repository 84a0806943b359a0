#!/usr/bin/env bash
# Stop every daemon scripts/flower-up.sh started (each with its process group: a SuperNode's
# clientapp children go with it).
set -uo pipefail
cd "$(dirname "$0")/.."
DIR="$(realpath -m "${FLOWER_DIR:-${TMPDIR:-/tmp}/veil-flower}")"
[[ -s "$DIR/pids" ]] || { echo "no Flower daemons recorded in $DIR/pids"; exit 0; }
while read -r pid; do kill -TERM -- "-$pid" 2>/dev/null; done <"$DIR/pids"
sleep 3
while read -r pid; do kill -KILL -- "-$pid" 2>/dev/null; done <"$DIR/pids"
rm -f "$DIR/pids"
echo "Flower daemons stopped"
