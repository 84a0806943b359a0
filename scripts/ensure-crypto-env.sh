#!/usr/bin/env bash
# The MPC environment (.venv-crypto): SecretFlow SPU 0.9.5 has wheels for Python 3.10/3.11 only
# and needs numpy<2 and jax/jaxlib 0.4.34, older than Veil's environment holds, so it gets its
# own virtualenv. Veil talks to it through subprocesses (src/veil/crypto/mpc.py), never imports
# it. No torch and no transformers here: Veil tokenizes, the model is plain JAX.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VEIL_CRYPTO_VENV:-.venv-crypto}
PY=${CRYPTO_PY:-/usr/bin/python3.11}
PKGS=("spu==0.9.5" "numpy<2" "jax==0.4.34" "jaxlib==0.4.34" "safetensors>=0.4")
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "
import sys, safetensors
from importlib.metadata import version
sys.exit(version('spu') != '0.9.5' or version('jax') != '0.4.34' or version('numpy')[0] != '1')" 2>/dev/null; then
  exit 0
fi
if ! command -v "$PY" >/dev/null; then
  echo "ensure-crypto-env: $PY not found; SPU needs Python 3.10 or 3.11 (set CRYPTO_PY)" >&2
  exit 1
fi
test -x "$VENV/bin/python" || "$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check "${PKGS[@]}"
"$VENV/bin/python" -c "import spu, jax; print('crypto env ready: spu', spu.__version__, 'jax', jax.__version__)"
