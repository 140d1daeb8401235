# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_API := pyside6

.PHONY: run test coverage fuzz check lint translations screenshots bench bundle load system-deps clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# --no-compile: bytecode is written as modules are first imported (make test lets it be), not for
# every file of every package at install (a third of a fresh install's time).
$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --no-compile -e '.[test]'
	touch $(STAMP)

# CJK fonts so Chinese renders as Chinese (offscreen too); installed only where missing, as root.
system-deps:
	@sh resources/install_system_deps.sh

run: $(STAMP) system-deps
	$(PY) main.py $(ARGS)

# pytest-xdist workers: no test shares a database or a backend process with another. One more than
# the cores: a worker waiting on a backend process it started leaves its core to the others.
# loadscope: a module's tests share a worker, so a module's backend process or corpus is made once.
# Bytecode is written even where the environment says not to: the workers and the hundred backend
# processes they start would each compile every module from source again (twice the start-up).
# A crashed worker ends the run (--max-worker-restart=0): a rescheduled module could hang it.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: $(STAMP)
	@sh resources/install_system_deps.sh --test
	env -u PYTHONDONTWRITEBYTECODE QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope --max-worker-restart=0 $(PYTEST_ARGS)

# The whole suite with branch coverage of backend/ and services/ (pyproject.toml [tool.coverage]).
coverage: $(STAMP)
	@sh resources/install_system_deps.sh --test
	env -u PYTHONDONTWRITEBYTECODE QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p pytest_cov -n $(TEST_WORKERS) --dist loadscope --max-worker-restart=0 \
		--cov --cov-report=term:skip-covered $(PYTEST_ARGS)

# The API fuzz test with a larger budget (examples per operation); the suite runs a small one.
fuzz: $(STAMP)
	OPSDESK_FUZZ_EXAMPLES=$${OPSDESK_FUZZ_EXAMPLES:-500} QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:cacheprovider tests/backend/test_api_fuzz.py $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# Lint, the layer and area contracts (import-linter) and types (mypy), as configured in pyproject.toml.
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

translations: $(STAMP)
	$(PY) -m desktop.i18n_build

screenshots: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.screenshots --out resources/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.offline_screenshots --out resources/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.sign_in_screenshots --out resources/screenshots

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

# The desktop as one self-contained folder, dist/OpsDesk/ (packaging/opsdesk.spec; README "Desktop
# bundle"): the OpsDesk executable and its embedded backend's, opsdesk-backend, with Python, Qt and
# the resources inside. PyInstaller builds for the system it runs on. Then the bundle's own test.
BUNDLE_STAMP := $(VENV)/.bundle-installed
$(BUNDLE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --no-compile -e '.[test,bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/opsdesk.spec
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:cacheprovider tests/e2e/test_bundle.py $(PYTEST_ARGS)

# A broker's day (locust, the `load` extra) against 4 backend workers on a new PostgreSQL database
# on this machine, then its checks; the figures go into bench/RESULTS.md. About 5 minutes.
# OPSDESK_LOAD_SERVER names another local PostgreSQL server; ARGS="--mix-seconds 60 ..." (load/run.py -h).
LOAD_STAMP := $(VENV)/.installed-load
$(LOAD_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --no-compile -e '.[test,load]'
	touch $(LOAD_STAMP)

load: $(LOAD_STAMP)
	$(PY) load/run.py $(ARGS)

clean-venv:
	rm -rf $(VENV)
