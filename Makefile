# Two commands matter: `make run` (the demo site) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck check serve-prod worker beat system-deps system-deps-test messages makemessages clean fonts

# uv installs the same packages as pip from its machine-wide cache (~/.cache/uv) in seconds
# where pip takes one to four minutes in a new .venv (a clean clone, CI); pip if uv fails.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip uv
	$(VENV)/bin/uv pip install -q --python $(PY) -e '.[dev]' || $(PY) -m pip install -qq -e '.[dev]'
	touch $@

system-deps:
	@scripts/system-deps.sh

system-deps-test:
	scripts/system-deps.sh test

# Every entry point needs DJANGO_SETTINGS_MODULE (config/settings_rule.py); the demo's links and
# certificate QR codes point at the address it is served on.
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev PUBLIC_BASE_URL=http://$(HOST):$(PORT)

## The Chinese serif of certificates and module PDFs, cut from fonts-noto-cjk under var/fonts
## (certificates/fonts.py; generated, not committed; about a minute the first time on a
## machine, then copied from ~/.cache/patit/fonts: docs/testing.md, "Caches").
fonts: $(VENV)/.installed
	@$(DEV) $(PY) manage.py build_fonts -v 0

## The French and Arabic interface: locale/*/LC_MESSAGES/django.po -> .mo (not committed).
## compilemessages skips a catalogue whose .mo is newer than its .po, so this is cheap.
messages: $(VENV)/.installed
	@$(DEV) $(PY) manage.py compilemessages --ignore=.venv -v 0

## After changing an interface string: refresh the msgids of both catalogues, then translate
## the new entries (tests/core/test_translations.py fails while one is empty or fuzzy).
makemessages: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemessages -l fr -l ar -l es -l ru -l zh_Hans --no-obsolete --no-location \
	  --ignore=.venv --ignore=tests --ignore=bench --ignore=var

## The demo: SQLite, tasks in-process, e-mail to the console, demo data, on HOST:PORT;
## due work (offers, reminders, closing cycles) runs every minute without a broker.
## Quiet on purpose (fewer than 40 lines before the server starts): `seed_demo -v 2` for detail.
run: system-deps $(VENV)/.installed messages fonts
	@$(DEV) $(PY) manage.py migrate --noinput -v 0
	@$(DEV) $(PY) manage.py seed_demo
	@$(DEV) HOST=$(HOST) PORT=$(PORT) scripts/run-demo.sh

## The whole test suite, on SQLite and (when reachable) PostgreSQL.
test: system-deps-test $(VENV)/.installed messages fonts
	scripts/test.sh

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

## mypy with django-stubs on the services and selectors (the files are listed in pyproject.toml).
typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

check: $(VENV)/.installed
	$(DEV) $(PY) manage.py check
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

## The production shape: gunicorn + Celery worker + Celery beat against PostgreSQL and Redis.
## Needs DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY, ALLOWED_HOSTS, PUBLIC_BASE_URL and
## CACHE_URL (see docs/operations.md).
serve-prod: system-deps $(VENV)/.installed messages
	DJANGO_SETTINGS_MODULE=config.settings.production scripts/serve-prod.sh

clean:
	rm -rf var/test-media var/test.sqlite3 .pytest_cache
