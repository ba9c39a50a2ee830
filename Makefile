# Two commands matter: `make run` (the demo site) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check serve-prod worker beat system-deps system-deps-test messages makemessages clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

system-deps:
	scripts/system-deps.sh

system-deps-test:
	scripts/system-deps.sh test

## The French and Arabic interface: locale/*/LC_MESSAGES/django.po -> .mo (not committed).
## compilemessages skips a catalogue whose .mo is newer than its .po, so this is cheap.
messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv

## After changing an interface string: refresh the msgids of both catalogues, then translate
## the new entries (tests/lms/test_translations.py fails while one is empty or fuzzy).
makemessages: $(VENV)/.installed
	$(PY) manage.py makemessages -l fr -l ar --no-obsolete \
	  --ignore=.venv --ignore=tests --ignore=bench --ignore=var

## The demo: SQLite, tasks in-process, e-mail to the console, demo data, on 127.0.0.1:8000.
run: system-deps $(VENV)/.installed messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## The whole test suite, on SQLite and (when reachable) PostgreSQL.
test: system-deps-test $(VENV)/.installed messages
	scripts/test.sh

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

check: $(VENV)/.installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

## The production shape: gunicorn + Celery worker + Celery beat against PostgreSQL and Redis.
## Needs DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY, ALLOWED_HOSTS (see README).
serve-prod: system-deps $(VENV)/.installed messages
	DJANGO_SETTINGS_MODULE=lms.settings.production scripts/serve-prod.sh

clean:
	rm -rf var/test-media var/test.sqlite3 .pytest_cache
