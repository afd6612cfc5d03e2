# Every target builds the environment it needs in .venv from uv.lock (pinned versions).
PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.synced

.PHONY: demo server test browser bench bench-warehouse bench-search lint typecheck check clean

$(STAMP): pyproject.toml uv.lock
	test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); }
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --python $(VENV)/bin/python
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/mediawatch demo

# A local Prefect server on 127.0.0.1:4200 with the deployments of prefect.yaml and a
# worker; Ctrl-C stops both (see the README's "Deployments" section).
server: $(STAMP)
	$(VENV)/bin/mediawatch server

# The report's browser test (tests/reports/test_browser.py) drives Debian's Chromium:
# installed here when missing (apt-get needs root; sudo is used otherwise).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  --no-install-recommends chromium fonts-dejavu-core; }

test: $(STAMP) browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

# Every benchmark, one after another, then BENCHMARKS.md (see bench/README.md): about
# 2.5 hours and ~45 GB of temporary disk, most of both for the warehouse at a million
# articles. WAREHOUSE_REPORT=FILE takes that section from an earlier report instead;
# BENCH_RESULTS=DIR keeps each benchmark's files there and reuses those already in it
# (steps run earlier with `python -m bench.suite --only STEP --results DIR`).
bench: $(STAMP)
	$(VENV)/bin/python -m bench.suite --out BENCHMARKS.md \
	  $(if $(WAREHOUSE_REPORT),--warehouse-report $(WAREHOUSE_REPORT)) \
	  $(if $(BENCH_RESULTS),--results $(BENCH_RESULTS) --reuse)

# A million articles through the warehouse loader, then queries: most of an hour and
# ~40 GB of temporary disk (see bench/README.md).
bench-warehouse: $(STAMP)
	$(VENV)/bin/python -m bench.warehouse_bench

# A million synthetic articles indexed for full-text search, a nightly refresh of 50,000
# more, 100 searches: most of an hour and ~15 GB of temporary disk (see bench/README.md).
bench-search: $(STAMP)
	$(VENV)/bin/python -m bench.search_bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .mediawatch
