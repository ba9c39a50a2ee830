#!/usr/bin/env python
"""Django's command-line utility for PATIT LMS."""

import os
import sys

if __name__ == "__main__":
    # config.settings_rule: the development settings unless DJANGO_SETTINGS_MODULE or
    # --settings names others. Set before `config` is imported: its Celery app checks it.
    if not os.environ.get("DJANGO_SETTINGS_MODULE", "").strip():
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
