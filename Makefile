# jxplan: two commands on a fresh machine (Python >= 3.10 and make):
#   make figures   build .venv on first use, then write every figure to figures/
#   make test      build .venv (with the test tools) on first use, then run the tests
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.DEFAULT_GOAL := help
.PHONY: help figures test lab validate data datapackage export benchmark golden clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.core: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	touch $@

$(VENV)/.test: $(VENV)/.core
	$(PIP) install -e '.[test]'
	touch $@

$(VENV)/.lab: $(VENV)/.core
	$(PIP) install -e '.[notebooks]'
	touch $@

figures: $(VENV)/.core ## write every figure (zh, en; png, svg, pdf, html) to figures/
	$(PY) -m jxplan figures --out figures --format png,svg,pdf,html

test: $(VENV)/.test ## run the whole test suite (notebooks included)
	MPLBACKEND=Agg $(PY) -m pytest

validate: $(VENV)/.core ## check the shipped data
	$(PY) -m jxplan validate

datapackage: $(VENV)/.core ## regenerate data/datapackage.json from jxplan/meta.py
	$(PY) -m jxplan datapackage

data: $(VENV)/.core ## rebuild the shipped geodata from the upstream packages
	$(PIP) install -e '.[build-data]'
	$(PY) tools/build_geodata.py --out data

export: $(VENV)/.core ## write every table to exports/ (GeoPackage, Excel, CSV, GeoJSON)
	$(PY) -m jxplan export --format gpkg --out exports/jxplan.gpkg
	$(PY) -m jxplan export --format xlsx --out exports/jxplan.xlsx
	$(PY) -m jxplan export --format csv --out exports/csv
	$(PY) -m jxplan export --format geojson --out exports/geojson

lab: $(VENV)/.lab ## open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

benchmark: $(VENV)/.test ## measure import, load, figure-build and notebook times
	$(PY) benchmarks/run.py

golden: $(VENV)/.core ## rewrite tests/golden/manifest.json (only when figure or export bytes are meant to change)
	$(PY) tools/golden.py --write

clean: ## remove generated figures and exports (keeps .venv)
	rm -rf figures/zh figures/en exports
