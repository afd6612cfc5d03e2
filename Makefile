# Every target builds the environment it needs in .venv from uv.lock (pinned versions).
PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.synced

.PHONY: demo test bench bench-warehouse lint typecheck check clean

$(STAMP): pyproject.toml uv.lock
	test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); }
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --python $(VENV)/bin/python
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/mediawatch demo

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(VENV)/bin/python -m bench.fetch_bench --profile
	$(VENV)/bin/python -m bench.extract_bench

# A million articles through the warehouse loader, then queries: most of an hour and
# ~40 GB of temporary disk (see bench/README.md).
bench-warehouse: $(STAMP)
	$(VENV)/bin/python -m bench.warehouse_bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .mediawatch
