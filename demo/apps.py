from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo (`manage.py seed_demo`) and the benchmark history (`seed_scale`), built
    through the services. Installed in the development and test settings only: a
    production site has no command that makes demo accounts."""

    name = "demo"
    default_auto_field = "django.db.models.BigAutoField"
