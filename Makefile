# Two set-up commands: `make demo` and `make test`. Everything else is a helper target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_DATE ?= 2022-02-17

.PHONY: demo test install install-test boundaries bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-run the install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	mkdir -p outputs
	$(BIN)/geomap layers --date $(DEMO_DATE) -o outputs/layers.html
	@echo "Demo map written to outputs/layers.html"

test: install-test
	$(BIN)/python -m pytest

# Rebuild the embedded data in boundaries/ from $(SHARED)/data (developers only; results are committed).
boundaries: install
	$(BIN)/python boundaries/build.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build dist *.egg-info
