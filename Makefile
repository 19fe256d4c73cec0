# Developers' entry points. `make demo` and `make test` work from a fresh clone on Linux.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
E5 := $(VENV)/bin/e5portfolio

.PHONY: lock setup setup-python setup-node setup-system demo lint test test-rapide bench schema dist clean

setup: setup-python setup-node setup-system

setup-python: $(VENV)/.installed

# The development and test environment is pinned by requirements/test.lock (constraints: the
# package's own ranges stay open for users). `make lock` upgrades it to what the index serves today.
LOCK := requirements/test.lock

$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 ou plus récent est nécessaire."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[test]'
	touch $@

lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	{ echo "# Pinned development and test environment (constraints for \`make setup\`). Regenerate: \`make lock\`."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable --disable-pip-version-check; } > $(LOCK)
	rm -rf .venv-lock

# axe-core for the accessibility tests (the iframe-worker polyfill is vendored in the theme).
setup-node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages for the browser, PDF and spreadsheet tests: installed when missing (needs root).
setup-system:
	@bash tools/install-system-deps.sh

demo: setup-python
	$(E5) build sample_portfolio

# Static checks: lint, format, types, the import contract (settings in pyproject.toml). Each line
# stops `make` when it fails, as `&&` would.
LINT_PATHS := e5portfolio tests benchmarks tools

lint: setup-python
	$(PY) -m ruff check $(LINT_PATHS)
	$(PY) -m ruff format --check $(LINT_PATHS)
	$(PY) -m mypy e5portfolio
	$(VENV)/bin/lint-imports

# Two tiers (README, « Développement »). More workers (pytest-xdist) than a 2-core machine's cores:
# the tests wait more than they compute (linkchecker takes about a second to stop its threads after
# every run, local servers answer, time limits run out), and extra workers fill those waits. Measured
# best: 4 for the whole suite (Chromium computes: 6 was slower), 6 for the short loop.
# --dist loadscope keeps each test module on one worker, so a module's fixtures (a built site, a
# browser) are made once; tests/conftest.py hands out the browser modules first.
# PYTHONDONTWRITEBYTECODE (set on some machines) is cleared for the tests: without .pyc files each
# worker rewrites every test module's asserts and each e5portfolio process compiles the package.
# `make test`: the static checks, then the whole suite, what CI runs. `make test-rapide`: the inner
# loop, without the browser, the slow tests (over ~5 s: the engine seam, the wheel, the workflow
# replays, class audits, 10 s time limits) and the tests whose real process is the point (signals,
# start-up): markers declared in pyproject.toml.
PYTEST_PARALLEL := --dist loadscope
WORKERS_FULL := 4
WORKERS_FAST := 6
FAST_TIER := not browser and not slow and not process

test test-rapide: export PYTHONDONTWRITEBYTECODE =

test: setup lint
	$(PY) -m pytest -n $(WORKERS_FULL) $(PYTEST_PARALLEL)

test-rapide: setup-python
	$(PY) -m pytest -n $(WORKERS_FAST) $(PYTEST_PARALLEL) -q -m "$(FAST_TIER)"

bench: setup-python
	$(PY) benchmarks/bench_check.py
	$(PY) benchmarks/bench_site.py
	$(PY) benchmarks/bench_secrets.py

schema: setup-python
	$(E5) schema -o portfolio.schema.json

# Release artefacts (what .github/workflows/release.yml publishes): sdist + wheel in dist/, checked.
dist: setup-python
	rm -rf dist
	$(PY) -m build --outdir dist .
	$(PY) -m twine check --strict dist/*

clean:
	rm -rf sample_portfolio/site .pytest_cache dist build
