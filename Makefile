# Two commands do all set-up on a machine that has only Python:
#   make run   - create .venv, install, and show a report (interactive on a terminal)
#   make test  - ruff, import-linter, mypy --strict and pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/merchant-shoe-factory.yaml

.PHONY: run test lint typecheck bytecode pytest bench fuzz mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/merchant-cli; \
	else $(BIN)/merchant-cli evaluate --answers $(EXAMPLE) --no-input; fi

test: lint typecheck pytest

# ruff, then the layers (import-linter: the contracts are in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check merchant_cli tests benchmarks scripts tools
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

# Bytecode, as an installed tool has it: measured start-up is what users pay, and the
# tests that start the tool as a process (pseudo-terminal, encodings, pager) load it
# even where PYTHONDONTWRITEBYTECODE is set.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q merchant_cli

pytest: bytecode
	$(BIN)/pytest

# P1-P7 figures against their goals (about a minute); see benchmarks/RESULTS.md
bench: bytecode
	$(BIN)/python -m benchmarks.run

# The robustness suite with the large hypothesis profile (>= 100,000 generated cases).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/robustness

# Mutation testing of the core with mutmut (docs/testing.md): not part of `make test`.
# Starts afresh, prints the score per module, writes the survivors to mutation-survivors.txt.
MUTATE_JOBS ?= 2
mutate: $(STAMP)
	$(BIN)/pip install -q mutmut==3.8.1
	rm -rf mutants
	nice -n 10 $(BIN)/mutmut run --max-children $(MUTATE_JOBS)
	$(BIN)/python tools/mutation_report.py --fail-under 90

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis mutants mutation-survivors.txt .import_linter_cache
