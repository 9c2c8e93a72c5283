# jxplan: two commands on a fresh machine (Python >= 3.10 and make):
#   make figures   build .venv on first use, then write every figure to figures/
#   make test      build .venv (with the test tools) on first use, then run the tests
# While working: `make test-fast` (under a minute, no rendering) and `make lint`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.DEFAULT_GOAL := help
.PHONY: help figures test test-fast lint lab strip-filter notebooks docs citation validate data datapackage export benchmark golden clean

# make lab options: LAB_LANG=en opens the English notebooks; LAB_ARGS are passed to jupyter lab
# (e.g. make lab LAB_ARGS="--no-browser --port 8890").  As root, --allow-root is added.
LAB_LANG ?= zh
LAB_ARGS ?=
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root)

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

$(VENV)/.docs: $(VENV)/.core
	$(PIP) install -e '.[docs]'
	touch $@

figures: $(VENV)/.core ## write every figure (zh, en; png, svg, pdf, html) to figures/
	$(PY) -m jxplan figures --out figures --format png,svg,pdf,html

# Tiers: `slow` (notebooks, wheel, browser) and `render` (writes figure files or draws every
# whole figure, e.g. every test using the session's shared figure build) are registered in
# pyproject.toml; tests/conftest.py marks them.
FAST := -m "not slow and not render"

# pytest-xdist: one worker per core; loadscope keeps a test module on one worker, so that
# its module-scoped fixtures (figures drawn in memory, tables loaded once) are built once.
PARALLEL := -n auto --dist loadscope

test: $(VENV)/.test ## run the whole test suite (notebooks included), on every core
	MPLBACKEND=Agg $(PY) -m pytest $(PARALLEL)

test-fast: $(VENV)/.test ## data, analysis, validation, parse and layer tests: no files rendered
	MPLBACKEND=Agg $(PY) -m pytest $(FAST) $(PARALLEL) -q

lint: $(VENV)/.test ## the gates: ruff (style, complexity, statement limits) and mypy
	$(PY) -m ruff check .
	$(PY) -m mypy

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

docs: $(VENV)/.docs ## build the offline bilingual site into site/ (notebooks executed; open site/index.html)
	$(PY) tools/build_docs.py --out site $(if $(shell command -v chromium),--pdf)

notebooks: ## rebuild notebooks/zh, notebooks/en and teacher/solutions from tools/notebooks/*.md
	$(PYTHON) tools/build_notebooks.py

lab: $(VENV)/.lab strip-filter ## JupyterLab at the repository root, Chinese notebooks first (LAB_LANG=en, LAB_ARGS=...)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  --FileContentsManager.preferred_dir=notebooks/$(LAB_LANG) $(ROOT_FLAG) $(LAB_ARGS)

strip-filter: $(VENV)/.lab ## make git strip notebook outputs when staging (nbstripout filter, this clone only)
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean '"$(CURDIR)/$(PY)" -m nbstripout' && \
	  git config filter.nbstripout.smudge cat && \
	  git config filter.nbstripout.required true && \
	  git config diff.ipynb.textconv '"$(CURDIR)/$(PY)" -m nbstripout -t' && \
	  echo "nbstripout: notebook outputs are stripped when you git add (see .gitattributes)"; \
	fi

citation: $(VENV)/.core ## write CITATION.cff from jxplan/citation.py (package and dataset version)
	$(PY) -c "import jxplan.citation as c; open('CITATION.cff', 'w', encoding='utf-8').write(c.citation_cff())"

benchmark: $(VENV)/.test ## measure import, load, figure-build and notebook times
	$(PY) benchmarks/run.py

golden: $(VENV)/.core ## rewrite tests/golden/manifest.json (only when figure or export bytes are meant to change)
	$(PY) tools/golden.py --write

clean: ## remove generated figures and exports (keeps .venv)
	rm -rf figures/zh figures/en exports
