# The two commands of the README: `make run` (the main job) and `make test` (the tests).
# Each sets up its own virtualenv first; nothing else needs to be installed but Python 3.11.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
DEMO ?= examples/demo
OUT ?= out

.PHONY: setup run test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

## run: ingest the demo corpus, analyse it and write the report to out/demo-report/
run: setup
	STORYLINE_OUTLETS=examples/demo-outlets.toml $(BIN)/storyline run $(DEMO) --db $(OUT)/demo.db --out $(OUT)/demo-report

## test: lint and the whole test suite
test: setup lint
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks examples

## bench: the benchmark scripts (they read ../shared; minutes, not seconds)
bench: setup
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
