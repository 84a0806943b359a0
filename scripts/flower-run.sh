#!/usr/bin/env bash
# Submit a federated training run to the deployment engine started by scripts/flower-up.sh and
# wait for the ServerApp's report. Extra arguments are run-config overrides passed to `flwr run`,
# e.g.  scripts/flower-run.sh 'clients=4 rounds=3 dp_epsilon=8.0 strategy="fedprox"'
# (keys: the fields of veil.train.federated.FederatedConfig; clients must equal the SuperNodes).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="$(realpath -m "${FLOWER_DIR:-${TMPDIR:-/tmp}/veil-flower}")"
BIN="$(pwd)/.venv/bin"
export PATH="$BIN:$PATH"
export FLWR_HOME="$DIR/flwr-home"
[[ -s "$DIR/pids" ]] || { echo "start Flower first: scripts/flower-up.sh" >&2; exit 1; }
REPORT="$DIR/report.json"
rm -f "$REPORT"
"$BIN/python" - "$DIR/app" "$REPORT" <<'PY'
import sys
from pathlib import Path
from veil.train.federated import FederatedConfig
from veil.train.flower_app import write_app
write_app(Path(sys.argv[1]), FederatedConfig(results_path=sys.argv[2]))
PY
args=()
[[ $# -gt 0 ]] && args=(--run-config "$*")
"$BIN/flwr" run "$DIR/app" local-deploy "${args[@]}"
echo "waiting for $REPORT ..."
until [[ -s "$REPORT" ]]; do sleep 2; done
cat "$REPORT"
