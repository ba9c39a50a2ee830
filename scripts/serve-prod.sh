#!/usr/bin/env bash
# Run the production shape in one terminal: migrate, collect static files, then gunicorn,
# a Celery worker and Celery beat (the processes of the Procfile). Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.production}"
: "${DATABASE_URL:?set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/patit}"
: "${CELERY_BROKER_URL:?set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0}"
: "${SECRET_KEY:?set SECRET_KEY}"
: "${ALLOWED_HOSTS:?set ALLOWED_HOSTS}"
: "${PUBLIC_BASE_URL:?set PUBLIC_BASE_URL, e.g. https://patit.example.org}"
: "${CACHE_URL:?set CACHE_URL, e.g. rediscache://127.0.0.1:6379/1}"
BIN=.venv/bin
# No proxy in this one-terminal shape: Django serves the public lesson images itself.
export SERVE_PUBLIC_MEDIA="${SERVE_PUBLIC_MEDIA:-1}"

$BIN/python manage.py migrate --noinput
$BIN/python manage.py collectstatic --noinput -v 0
$BIN/python manage.py compilemessages --ignore=.venv -v 0
$BIN/python manage.py build_fonts -v 0  # the Chinese serif of PDFs (certificates/fonts.py)

trap 'kill 0' EXIT INT TERM
$BIN/celery -A config worker --loglevel=info --concurrency="${CELERY_CONCURRENCY:-2}" &
$BIN/celery -A config beat --loglevel=info --schedule="${CELERY_BEAT_SCHEDULE_FILE:-var/celerybeat-schedule}" &
$BIN/gunicorn config.wsgi:application --bind "${BIND:-127.0.0.1:8000}" \
  --workers "${WEB_CONCURRENCY:-2}" --access-logfile - &
wait -n
