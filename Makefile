# Panier Commun — the two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run worker scheduler test test-e2e install translations messages lint format clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED) translations

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

test: install
	$(PY) -m pytest

test-e2e: install
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
	rm -rf $(VENV) db.sqlite3 media staticfiles .test-db.sqlite3
