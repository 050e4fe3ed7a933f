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

.PHONY: help install dev run test lint format bench clean

help:
	@echo "make run    install and start the studio on http://127.0.0.1:9090 (root: $(ROOT))"
	@echo "make test   install test tools and run lint + the whole test suite"
	@echo "make lint   ruff format check, ruff lint, mypy strict"
	@echo "make bench  benchmarks against side-by-side baselines (bench/README.md)"
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

run: $(VENV)/.installed
	IMPASTO_ROOT="$${IMPASTO_ROOT:-$(ROOT)}" $(BIN)/impasto serve

test: $(VENV)/.dev
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python tools/sizes.py

bench: $(VENV)/.dev
	$(BIN)/python -m bench

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
