# Two commands matter: `make run` (the demo site) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck check serve-prod worker beat system-deps system-deps-test messages makemessages clean fonts

# The machine's cache (docs/testing.md, "Caches"), as tests/db_template.py and certificates/fonts.py.
PATIT_CACHE := $(or $(PATIT_CACHE_DIR),$(if $(XDG_CACHE_HOME),$(XDG_CACHE_HOME)/patit,$(HOME)/.cache/patit))

# uv installs the same packages as pip from its machine-wide cache (~/.cache/uv) in seconds
# where pip takes one to four minutes in a new .venv (a clean clone, CI); pip if uv fails.
# The .venv is made without pip and the interpreter's own pip puts uv in it (2 s, where
# ensurepip then upgrading pip took 6 s); uv adds pip for whoever wants it.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(PY) install -qq uv || { $(PY) -m ensurepip -q && $(PY) -m pip install -qq uv; }
	$(VENV)/bin/uv pip install -q --python $(PY) pip -e '.[dev]' || \
	  { $(PY) -m ensurepip -q; $(PY) -m pip install -qq -e '.[dev]'; }
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
## What `manage.py build_fonts` does, with the settings only: starting Django's apps for it
## took ~3 s of CPU (`manage.py build_fonts --force` cuts them again).
fonts: $(VENV)/.installed
	@$(DEV) $(PY) -c "from certificates import fonts; fonts.ensure()"

## The translated interface: locale/*/LC_MESSAGES/django.po -> .mo (not committed), with
## the msgfmt call `manage.py compilemessages` makes, without starting Django (~3 s of CPU);
## make skips a catalogue whose .mo is newer than its .po.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
messages: $(CATALOGUES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@msgfmt --check-format -o $@ $<

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
## Its incremental cache is kept in the machine's cache, one per mypy and Python version:
## mypy checks each entry against the file's hash, so a clean clone reuses what is unchanged
## (7.5 s -> 2.7 s).
typecheck: $(VENV)/.installed
	MYPY_CACHE_DIR="$(PATIT_CACHE)/mypy/$$($(PY) -c 'import sys, mypy.version as m; print(f"{m.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}")')" \
	  $(VENV)/bin/mypy

## Django runs every system check (`manage.py check`'s, same fail level) before
## makemigrations: one Django start for both.
check: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

## The production shape: gunicorn + Celery worker + Celery beat against PostgreSQL and Redis.
## Needs DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY, ALLOWED_HOSTS, PUBLIC_BASE_URL and
## CACHE_URL (see docs/operations.md).
serve-prod: system-deps $(VENV)/.installed messages
	DJANGO_SETTINGS_MODULE=config.settings.production scripts/serve-prod.sh

clean:
	rm -rf var/test-media var/test.sqlite3 .pytest_cache
