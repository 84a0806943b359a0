#!/usr/bin/env bash
# Start Flower's deployment engine on loopback: one SuperLink and N SuperNodes (one per client;
# partition-id i = client i's domain/locale in veil.train.federated). Daemons run in their own
# process groups; their pids go to $FLOWER_DIR/pids for scripts/flower-down.sh.
# Usage: scripts/flower-up.sh [NODES=4] [DATA_FILE ...]   (env: FLOWER_PORT=9190,
# FLOWER_DIR=/tmp/veil-flower). With data files (one per node, in order) SuperNode i trains on
# file i, its organisation's own annotated documents (node setting data-file), not on synthetic
# sentences; the file never leaves the node.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES="${1:-4}"
shift || true
FILES=()
for f in "$@"; do
  [[ -f "$f" ]] || { echo "data file $f does not exist" >&2; exit 2; }
  FILES+=("$(realpath "$f")")
done
if [[ ${#FILES[@]} -gt 0 && ${#FILES[@]} -ne $NODES ]]; then
  echo "got ${#FILES[@]} data files for $NODES SuperNodes: give one per node" >&2
  exit 2
fi
PORT="${FLOWER_PORT:-9190}"
DIR="$(realpath -m "${FLOWER_DIR:-${TMPDIR:-/tmp}/veil-flower}")"
BIN="$(pwd)/.venv/bin"
export PATH="$BIN:$PATH"  # SuperNodes spawn flwr-clientapp from PATH
export FLWR_HOME="$DIR/flwr-home"
mkdir -p "$FLWR_HOME"
if [[ -s "$DIR/pids" ]]; then
  echo "Flower already running (see $DIR/pids); stop it with scripts/flower-down.sh" >&2
  exit 1
fi
cat > "$FLWR_HOME/config.toml" <<TOML
[superlink]
default = "local-deploy"

[superlink.local-deploy]
address = "127.0.0.1:$PORT"
insecure = true
TOML
# --disable-runtime-dependency-installation: otherwise the SuperLink runs `uv sync` against an index
setsid "$BIN/flower-superlink" --insecure --disable-runtime-dependency-installation \
  --host 127.0.0.1 --port "$PORT" --database "$DIR/superlink.db" >"$DIR/superlink.log" 2>&1 &
echo $! >>"$DIR/pids"
for _ in $(seq 1 240); do
  grep -q "Application startup complete" "$DIR/superlink.log" 2>/dev/null && break
  sleep 0.5
done
grep -q "Application startup complete" "$DIR/superlink.log" || {
  echo "SuperLink did not start: see $DIR/superlink.log" >&2; bash scripts/flower-down.sh; exit 1; }
for i in $(seq 0 $((NODES - 1))); do
  node="partition-id=$i num-partitions=$NODES"
  if [[ ${#FILES[@]} -gt 0 ]]; then
    # a JSON string is a valid node-config string (paths with spaces or quotes included)
    node+=" data-file=$("$BIN/python" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "${FILES[$i]}")"
  fi
  setsid "$BIN/flower-supernode" --insecure --superlink "127.0.0.1:$PORT" \
    --node-config "$node" --port $((PORT + 10 + i)) \
    >"$DIR/supernode-$i.log" 2>&1 &
  echo $! >>"$DIR/pids"
done
echo "SuperLink on 127.0.0.1:$PORT with $NODES SuperNodes (logs in $DIR)"
