# Two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
PIP_FLAGS := -q -c constraints/cpu.txt

.PHONY: setup run test lint typecheck unit bench clean ui ui-test e2e openapi docs docs-build docs-reference test-under-load

$(STAMP): pyproject.toml constraints/cpu.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) --upgrade pip
	$(BIN)/python -m pip install $(PIP_FLAGS) -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: setup ui
	$(BIN)/tunix-rt serve --demo

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: setup
	$(BIN)/mypy

# Two pytest passes whose coverage data are combined for the gate: the JAX tests (marker `jax`)
# run in the second, traced without greenlet concurrency (tests/coverage-threads.toml says why:
# with it, a JAX checkpoint save could spin for minutes in greenlet's thread clean-up).
# Both passes spread their tests over TEST_WORKERS pytest-xdist processes (work stealing, since
# test lengths range from milliseconds to minutes); `make unit TEST_WORKERS=0` runs each in one.
# tests/ordering.py lays the collected tests out so that each worker starts with its share of the
# known-slow ones (its table of CI seconds wants updating when the slowest tests change).
TEST_WORKERS ?= 2

unit: setup
	rm -f .coverage .coverage.*
	$(BIN)/pytest -m "not jax" -n $(TEST_WORKERS) --dist worksteal --cov=tunix_rt --cov-branch --cov-report= --cov-fail-under=0
	$(BIN)/pytest -m jax -n $(TEST_WORKERS) --dist worksteal --cov=tunix_rt --cov-branch --cov-config=tests/coverage-threads.toml --cov-append --cov-report= --cov-fail-under=0
	$(BIN)/coverage report --fail-under=0
	$(BIN)/coverage json -q --fail-under=0 -o coverage.json
	$(BIN)/python scripts/coverage_gate.py coverage.json 85 75

test: lint typecheck unit docs-build ui-test e2e

# The periodic check that no test depends on how fast the machine is: the Python suite (both
# passes) with every core kept busy by a busy loop (scripts/under_load.py). Run it before a release.
test-under-load: setup
	$(BIN)/python -m scripts.under_load -- $(MAKE) unit

# The docs site (mkdocs.yml): the API and CLI reference pages are generated from the code first,
# then `docs` serves it with live reload and `docs-build` builds it strictly (a warning, a broken
# link or anchor among them, fails) into site/. Nothing is fetched from the network.
docs-reference: setup
	$(BIN)/python -m scripts.docs_api docs/reference/api.md
	$(BIN)/python -m scripts.docs_cli docs/reference/cli.md

docs: docs-reference
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8001

docs-build: docs-reference
	$(BIN)/mkdocs build --strict

# The web UI (frontend/, Node 20) builds into src/tunix_rt/web/, which the server serves; e2e/
# drives it in Debian's Chromium against a real `tunix-rt serve`. Without npm these are skipped.
NPM := $(shell command -v npm 2>/dev/null)
UI_DEPS := frontend/node_modules/.installed
E2E_DEPS := e2e/node_modules/.installed
UI_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig.json -type f 2>/dev/null)

ifeq ($(NPM),)
ui ui-test e2e:
	@echo "npm not found: skipping '$@' (install Node.js 20 + npm for the web UI; the API works without it)"

openapi: setup
	$(BIN)/python scripts/export_openapi.py frontend/openapi.json
	@echo "npm not found: frontend/src/api/schema.d.ts was NOT regenerated"
else
$(UI_DEPS): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

src/tunix_rt/web/index.html: $(UI_DEPS) $(UI_SOURCES)
	cd frontend && npm run build

ui: src/tunix_rt/web/index.html

ui-test: $(UI_DEPS)
	cd frontend && npm test

$(E2E_DEPS): e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	touch $@

e2e: setup ui $(E2E_DEPS)
	cd e2e && npm test

# After changing the API: regenerate the UI's copy of the OpenAPI schema and its TypeScript types
# (tests/test_openapi.py and frontend/src/api/schema.test.ts fail until this is run and committed).
openapi: setup $(UI_DEPS)
	$(BIN)/python scripts/export_openapi.py frontend/openapi.json
	cd frontend && npm run gen:api
endif

# Each benchmark measures against a baseline in the same run and prints a markdown table
# (figures recorded in docs/benchmarks.md). The export one loads 1,000,000 rows: ~5 minutes; the
# load one holds 50 clients, 4 logging runs and 100 SSE followers for 5 minutes.
bench: setup
	$(BIN)/python -m benchmarks.ingest
	$(BIN)/python -m benchmarks.queue
	$(BIN)/python -m benchmarks.train
	$(BIN)/python -m benchmarks.export
	$(BIN)/python -m benchmarks.curves
	$(BIN)/python -m benchmarks.answers
	$(BIN)/python -m benchmarks.lines
	$(BIN)/python -m benchmarks.cli_start
	$(BIN)/python -m benchmarks.streams
	$(BIN)/python -m benchmarks.load

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.* coverage.json
	rm -rf frontend/node_modules e2e/node_modules e2e/test-results src/tunix_rt/web site docs/reference
