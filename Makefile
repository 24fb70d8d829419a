# dealscope: `make demo` and `make test` work on a fresh clone; `make install` only sets up .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint typecheck unit bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,postgres]'
	touch $(STAMP)

demo: install
	$(BIN)/dealscope ingest examples/articles --db dealscope.db
	$(BIN)/dealscope rounds --db dealscope.db

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: install
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache dealscope.db
