# Infohus — see README.md. `make run` and `make test` are the two commands a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
DEV_ENV := INFOHUS_ENV=development

.PHONY: help run test check lint typecheck importlint pytest e2e bench install assets messages messages-update lock chromium demo-totp clean

help:
	@echo "make run    install, migrate, load reference + demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   the whole suite: ruff, mypy, import-linter, Django checks, pytest (incl. browser tests)"

# --- installation ---------------------------------------------------------------
$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/base.txt requirements/dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade "pip==26.3"
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

static/vendor/.stamp: node_modules/.package-lock.json scripts/vendor_assets.sh
	scripts/vendor_assets.sh
	touch $@

assets: static/vendor/.stamp

messages: install
	@if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
	  $(DEV_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0; fi

# Extract new UI strings into the English catalogue (then translate the empty entries).
messages-update: install
	$(DEV_ENV) $(MANAGE) makemessages -l en --ignore=.venv --ignore=node_modules --ignore=var --ignore=static --ignore=tests --no-obsolete

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium package (sudo apt-get install chromium) for the browser tests" >&2; exit 1; fi; }

# --- running --------------------------------------------------------------------
run: install assets messages
	$(DEV_ENV) $(MANAGE) migrate --noinput -v 0
	$(DEV_ENV) $(MANAGE) load_refdata
	$(DEV_ENV) $(MANAGE) load_demo
	$(DEV_ENV) DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(MANAGE) runserver 127.0.0.1:$(PORT)

demo-totp: install
	@$(DEV_ENV) $(MANAGE) demo_totp $(USER_NAME)

# --- quality --------------------------------------------------------------------
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	INFOHUS_ENV=test $(BIN)/mypy config infohus tests conftest.py

importlint: install
	$(BIN)/lint-imports

check: install
	INFOHUS_ENV=test $(MANAGE) check
	INFOHUS_ENV=test $(MANAGE) makemigrations --check --dry-run

pytest: install assets messages chromium
	$(BIN)/pytest

test: lint typecheck importlint check pytest

e2e: install assets messages chromium
	$(BIN)/pytest -m e2e

bench: install assets messages
	$(BIN)/pytest tests/bench -m bench -s

lock:
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe -o requirements/dev.txt requirements/dev.in

clean:
	rm -rf $(VENV) node_modules static/vendor var/staticfiles
