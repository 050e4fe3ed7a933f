# Impasto — set-up, run and test. `make run` and `make test` work on a fresh machine.
#
# PyTorch is installed first, on its own, so the build that fits the machine is chosen; every later
# install is constrained to the torch that is then present, so nothing can replace it. Override the pair
# (and, if needed, the index) for other machines, e.g.:
#   make run TORCH_PACKAGES="torch torchvision" TORCH_INDEX="--index-url https://download.pytorch.org/whl/cpu"

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TORCH_PACKAGES ?= torch==2.14.1 torchvision==0.29.1
TORCH_INDEX ?=
ROOT ?= $(CURDIR)/.impasto
PIP := $(BIN)/python -m pip
CONSTRAINTS := $(VENV)/torch-constraints.txt
NPM ?= npm
# The web UI is rebuilt when any of its sources is newer than the build (make compares the mtimes).
WEB_SOURCES := $(shell find web/src web/public web/index.html web/package.json web/package-lock.json \
	web/tsconfig.json web/vite.config.ts -type f -not -name '*.test.ts' 2>/dev/null)
WEB_ENV := IMPASTO_PYTHON="$(abspath $(BIN)/python)"

.PHONY: help install dev run test lint format bench bench-gpu clean web web-deps web-test browsers

help:
	@echo "make run    install and start the studio on http://127.0.0.1:9090 (root: $(ROOT))"
	@echo "make test   install test tools and run lint + the whole test suite (Python, web unit and browser tests)"
	@echo "make web    build the web UI into web/dist when it is missing or stale (needs Node.js 20+)"
	@echo "make lint   ruff format check, ruff lint, mypy strict"
	@echo "make bench  benchmarks against side-by-side baselines (bench/README.md)"
	@echo "make bench-gpu  the GPU check on one NVIDIA GPU (bench/README.md, \"GPU check\")"
	@echo "make format apply ruff formatting and safe fixes"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.torch: | $(BIN)/python
	$(PIP) install $(TORCH_INDEX) $(TORCH_PACKAGES)
	$(PIP) freeze | grep -iE '^(torch|torchvision)==' > $(CONSTRAINTS)
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.torch
	$(PIP) install -c $(CONSTRAINTS) -e .
	$(BIN)/python -c "import torch, torchvision" # fails loudly if a mismatched pair slipped in
	touch $@

$(VENV)/.dev: pyproject.toml $(VENV)/.installed
	$(PIP) install -c $(CONSTRAINTS) -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

run: $(VENV)/.installed web
	IMPASTO_ROOT="$${IMPASTO_ROOT:-$(ROOT)}" $(BIN)/impasto serve

test: $(VENV)/.dev web-deps
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory web-test

# --- Web UI ------------------------------------------------------------------------------------------
# Without npm, `make run` still starts the server (the API, and a page saying how to build the UI).
web:
	@if command -v $(NPM) >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory web/dist/index.html; \
	else \
		echo "npm not found: the web UI is not built (install Node.js 20 or later); the API works without it"; \
	fi

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && $(NPM) ci --no-audit --no-fund
	touch $@

web/dist/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && $(NPM) run build

# The browser tests drive Debian's Chromium (playwright-core) and Firefox ESR (puppeteer-core over
# WebDriver BiDi); no browser is downloaded by npm.
browsers:
	command -v chromium >/dev/null 2>&1 && command -v firefox-esr >/dev/null 2>&1 || \
		(apt-get update && apt-get install -y chromium firefox-esr)

web-deps: web/node_modules/.installed browsers

# API types must match the server; then formatting, unit tests, a fresh (type-checked) build, and the
# browser tests on a real server.
web-test: $(VENV)/.installed web-deps
	cd web && $(WEB_ENV) $(NPM) run api:check
	cd web && $(NPM) run format:check
	cd web && $(NPM) test
	$(MAKE) --no-print-directory web/dist/index.html
	cd web && $(WEB_ENV) $(NPM) run test:e2e

lint: $(VENV)/.dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python tools/sizes.py

bench: $(VENV)/.dev
	$(BIN)/python -m bench

# Needs no web UI and no test tools: the studio's package (for torch, diffusers) and the check.
bench-gpu: $(VENV)/.installed
	$(BIN)/python bench/gpu.py $(GPU_ARGS)

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache web/node_modules web/dist web/test-results
