from django.core.wsgi import get_wsgi_application

from config.settings_rule import require_settings

require_settings()  # a serving process never guesses its settings (config/settings_rule.py)

application = get_wsgi_application()
