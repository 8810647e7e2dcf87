# Panier Commun — the two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# axe-core (package.json) checks accessibility in the browser tests; installed when npm
# exists, else those checks are skipped (and fail under `-m e2e`).
NPM := $(shell command -v npm)
AXE := node_modules/axe-core/axe.min.js
JS_TOOLS := $(if $(NPM),$(AXE))

.PHONY: run worker scheduler test test-e2e install translations messages lint format clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED) translations

# npm extracts files with the package's own dates: touch it so make sees it as new.
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(AXE)

# Compiles our .po files with polib: a fresh machine needs no GNU gettext.
translations: $(INSTALLED)
	$(PY) -c 'import pathlib, polib; \
	  [polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo"))) \
	   for po in pathlib.Path(".").glob("*/locale/*/LC_MESSAGES/*.po")]'

# The site and, beside it, one task worker that also runs the scheduler (e-mails,
# closing group orders...); stopping the server stops the worker.
run: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo
	DEBUG=true $(PY) manage.py run_worker --scheduler & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# One task worker (run several, on several machines, in production).
worker: install
	DEBUG=$${DEBUG:-true} $(PY) manage.py run_worker

# The periodic jobs of config/schedule.py; more than one may run, each slot runs once.
scheduler: install
	DEBUG=$${DEBUG:-true} $(PY) manage.py run_scheduler

test: install $(JS_TOOLS)
	$(PY) -m pytest

test-e2e: install $(JS_TOOLS)
	$(PY) -m pytest -m e2e tests/e2e

# Extracting messages needs GNU gettext (apt-get install gettext): developers only.
messages: $(INSTALLED)
	DEBUG=true $(PY) manage.py makemessages -l fr --no-obsolete \
	  --ignore='.venv/*' --ignore='tests/*'

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles .test-db.sqlite3
