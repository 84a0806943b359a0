#!/usr/bin/env bash
# LiteLLM's proxy (for the test that points its Presidio guardrail at Veil) in its own virtualenv:
# litellm[proxy] pins rich<14, huggingface-hub<2 and websockets<16, older than what Veil's
# environment holds, so installing it there would downgrade them under Veil.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-litellm
VERSION=1.108.7
PY=${PY:-python3}
if [ -x "$VENV/bin/litellm" ] && "$VENV/bin/python" -c "import litellm, sys; from importlib.metadata import version; sys.exit(version('litellm') != '$VERSION')" 2>/dev/null; then
  exit 0
fi
test -x "$VENV/bin/python" || "$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check "litellm[proxy]==$VERSION"
