#!/usr/bin/env python
"""Django's command-line utility for PATIT LMS."""

import sys

if __name__ == "__main__":
    from lms.settings_rule import configure

    # The same rule as the Celery app and WSGI: DJANGO_SETTINGS_MODULE (or --settings) is
    # required; `make run` sets lms.settings.dev.
    configure(sys.argv)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
