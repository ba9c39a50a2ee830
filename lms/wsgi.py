import sys

from django.core.wsgi import get_wsgi_application

from lms.settings_rule import configure

configure(sys.argv)  # DJANGO_SETTINGS_MODULE (or --settings) is required, as everywhere

application = get_wsgi_application()
