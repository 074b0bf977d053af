# Two set-up commands: `make demo` and `make test`. Everything else is a helper target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_DATE ?= 2022-02-17

.PHONY: demo test install install-test boundaries bench clean browser-deps assets screenshot render-bench docs

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
	$(BIN)/geomap map examples/incidents_demo.geojson -o outputs/demo.html --png outputs/demo_print.png \
		--title "Reported shelling along the line of contact, 15-17 February 2022 (invented examples)"
	@echo "Demo maps written to outputs/demo.html (picture: outputs/demo_print.png) and outputs/layers.html"

# Browser tests: Debian's chromium (installed only when missing) and the npm packages whose files the
# tests serve in place of the CDN (versions pinned in tests/browser_assets/package-lock.json).
BROWSER_ASSETS := tests/browser_assets
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

browser-deps: $(BROWSER_ASSETS)/node_modules/.installed
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

$(BROWSER_ASSETS)/node_modules/.installed: $(BROWSER_ASSETS)/package.json $(BROWSER_ASSETS)/package-lock.json
	cd $(BROWSER_ASSETS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Refresh geomap/maps/assets (what --offline inlines) from the npm packages; tests check they match.
VENDORED := leaflet@1.9.3/dist/leaflet.js leaflet@1.9.3/dist/leaflet.css leaflet@1.9.3/dist/images/layers.png \
	leaflet@1.9.3/dist/images/layers-2x.png leaflet@1.9.3/dist/images/marker-icon.png leaflet@1.9.3/LICENSE \
	leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js leaflet.markercluster@1.5.3/dist/MarkerCluster.css \
	leaflet.markercluster@1.5.3/dist/MarkerCluster.Default.css leaflet.markercluster@1.5.3/MIT-LICENCE.txt
assets: browser-deps
	for f in $(VENDORED); do pkg=$${f%%@*}; rest=$${f#*/}; mkdir -p geomap/maps/assets/$$(dirname $$f); \
		cp $(BROWSER_ASSETS)/node_modules/$$pkg/$$rest geomap/maps/assets/$$f; done

# outputs/demo.png for the README (after `make demo`).
screenshot: install-test browser-deps
	$(BIN)/python tests/browser.py outputs/demo.html outputs/demo.png

# Build time, file size and browser load time of maps (writes benchmarks/results/render_bench.md).
render-bench: install-test browser-deps
	$(BIN)/python benchmarks/render_bench.py

test: install-test browser-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Refresh the figures that README.md and docs/*.md include from benchmarks/results/ (docs/include.py, stdlib only).
docs: $(BIN)/python
	$(BIN)/python docs/include.py

# Rebuild the embedded data in boundaries/ from $(SHARED)/data (developers only; results are committed).
boundaries: install
	$(BIN)/pip install --quiet -e ".[build]"
	$(BIN)/python boundaries/scripts/build.py --shared $(SHARED)
	$(BIN)/python boundaries/scripts/build_gazetteer.py --shared $(SHARED)
	$(BIN)/python boundaries/scripts/build_raions_2019.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build dist *.egg-info
