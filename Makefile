# The two commands: `make run` (serve the demo site) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in mails, feeds and the sitemap name the address `make run` serves (site_cms/settings/base.py).
SITE_URL ?= http://$(HOST):$(PORT)
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
# pytest-xdist workers: one per core (`make test PYTEST_WORKERS=0` runs in one process, e.g. to debug);
# loadgroup keeps a module marked xdist_group on one worker (the production stack starts once).
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

.DEFAULT_GOAL := help
.PHONY: prod-local prod-local-start prod-local-stop bench
.PHONY: help run test install install-dev messages translations migrate seed lint format test-sqlite test-postgres clean

help: ## Show the available targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	@echo "Installing the Python packages into $(VENV): the first run downloads them and takes a few minutes;"
	@echo "later runs skip this step (and work offline)."
	$(PIP) -r requirements.txt
	$(BIN)/python -c "import wagtail, forms_builder, polib"
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	@echo "Installing the Python packages and test tools into $(VENV): the first run takes a few minutes."
	$(PIP) -r requirements-dev.txt
	$(BIN)/python -c "import wagtail, forms_builder, polib, pytest_django, playwright"
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime ## Create .venv and install the runtime dependencies

install-dev: $(VENV)/.dev ## Install the runtime and test dependencies

messages: install-dev ## Extract new strings into locale/id/LC_MESSAGES/django.po (needs GNU gettext)
	$(MANAGE) makemessages -l id --no-location --no-obsolete --ignore=.venv --ignore=static_collected --ignore=media --ignore=tests
	$(BIN)/python -c "import polib; po = polib.pofile('locale/id/LC_MESSAGES/django.po'); [print('untranslated:', e.msgid) for e in po.untranslated_entries() + po.fuzzy_entries()]"

translations: ## Compile locale/*.po into .mo (build output, never committed)
	$(MANAGE) compile_translations

run: export SITE_URL := $(SITE_URL)
run: install translations ## Migrate, load the demo content and serve http://$(HOST):$(PORT)
	@echo "Preparing the database and the demo content..."
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) seed_demo
	$(MANAGE) ensure_admin
	@echo "Serving http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-dev ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install-dev translations lint ## Lint, Django checks and the whole suite (SQLite, then TEST_DATABASE_URL if set)
	DJANGO_SETTINGS_MODULE=site_cms.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=site_cms.settings.test $(MANAGE) makemigrations --check --dry-run --noinput
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "TEST_DATABASE_URL is not set: the PostgreSQL run is skipped (.ci/run sets it)."; fi

test-sqlite: ## The suite on SQLite only
	env -u TEST_DATABASE_URL $(PYTEST) $(PYTEST_ARGS)

test-postgres: ## The suite on the database TEST_DATABASE_URL points at
	@test -n "$$TEST_DATABASE_URL" || { echo "Set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:54329/kesbangpol)"; exit 2; }
	$(PYTEST) $(PYTEST_ARGS)

clean: ## Remove the virtualenv, the SQLite database and build output
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* static_collected test-artifacts

prod-local: install ## Production stack on loopback (PostgreSQL, Redis, worker, gunicorn); Ctrl-C stops it
	$(BIN)/python deploy/prod_local.py up

prod-local-start: install ## Start the loopback production stack in the background
	$(BIN)/python deploy/prod_local.py start

prod-local-stop: ## Stop the loopback production stack
	$(BIN)/python deploy/prod_local.py stop

bench: install-dev ## Throughput, page weight and Lighthouse on the loopback stack (results: docs/performance.md)
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.page_weight
	$(BIN)/python -m bench.lighthouse
