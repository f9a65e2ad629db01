# The two commands of the README:
#   make run   - the site with demo content on http://127.0.0.1:8000 (SQLite + database search)
#   make test  - lint and the whole test suite against a real PostgreSQL and Elasticsearch

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --disable-pip-version-check -q -c constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev system-deps node-deps lint migrate demo clean lock bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q --upgrade "pip>=24"

# Re-installs when pyproject.toml or constraints.txt change.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin

run: demo
	@echo "Entraide on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian packages the tests need: PostgreSQL server, Maven for the Elasticsearch runner,
# chromium for the widget's browser tests (driven by Playwright, no browser download), nginx for
# the page cache's tests (tests/services/nginx.py), Redis for the shared cache's tests.
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v mvn >/dev/null 2>&1 || missing="$$missing maven"; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing="$$missing nginx"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: node_modules/.installed

# The directory widget's embed script: syntax check, gzipped size printed, 15 KB budget.
.PHONY: widget
widget: install
	$(BIN)/python -m directory.widgets.build

test: install-dev system-deps node-deps widget
	$(BIN)/python -m tests.run $(PYTEST_ARGS)

# Directory speed on a throwaway PostgreSQL: 10,000 and 100,000 entries (BENCH_SIZES=10000
# for a quick run); prints a table and writes bench/results/directory.json.
bench: install-dev system-deps
	$(BIN)/python bench/bench_directory.py

# Campaign library with 5,000 materials and the streamed ZIP of a 1 GB campaign (peak memory);
# writes bench/results/campaigns.json.
.PHONY: bench-campaigns
bench-campaigns: install-dev system-deps
	$(BIN)/python bench/bench_campaigns.py

# Site search speed: suggestions, results with facets and the index rebuild, on PostgreSQL and
# (when it starts) Elasticsearch; writes bench/results/search.json.
.PHONY: bench-search
bench-search: install-dev system-deps
	$(BIN)/python bench/bench_search.py

# Load test: 100 anonymous users for 60 s (locust, loopback only) through nginx's page cache and
# straight to gunicorn, on make run's demo database; writes bench/results/load.json.
.PHONY: bench-load
bench-load: install-dev system-deps
	$(PIP) -e ".[dev,bench]"
	$(BIN)/python bench/bench_load.py

# Interface translations, for maintainers: collect the marked strings into
# site/locale/{de,fr,it}/LC_MESSAGES/django.po, then compile the .mo files. Both are committed,
# so `make run` and `make test` need no gettext tools; this target needs Debian's `gettext`.
# Translate what is new or fuzzy in the three .po files, run it again, commit .po and .mo.
.PHONY: messages
messages: install
	@command -v msgfmt >/dev/null 2>&1 || { echo "make messages needs gettext: apt-get install gettext"; exit 1; }
	$(BIN)/python manage.py makemessages -l de -l fr -l it --add-location=file --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=tests --ignore=static_collected --ignore=media
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

lint: install-dev node-deps
	$(BIN)/ruff check .
	$(BIN)/hadolint Dockerfile
	npx --no-install dclint --max-warnings 0 compose.yaml

# Refresh the pinned versions after changing pyproject.toml's dependencies.
lock:
	rm -rf /tmp/entraide-lock && $(PYTHON) -m venv /tmp/entraide-lock
	/tmp/entraide-lock/bin/pip install -q -e ".[dev]"
	/tmp/entraide-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) node_modules static_collected .pytest_cache .ruff_cache
