"""The Celery app. Settings come from Django's settings under the CELERY_ prefix."""

from celery import Celery

from config.settings_rule import require_settings

# No fallback on the dev settings: a worker or beat process must be told which settings to
# use, like the web processes (config/settings_rule.py).
require_settings()

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
