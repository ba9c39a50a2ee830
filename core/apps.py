from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every app stands on (docs/architecture.md, "Layers"): the permission
    vocabulary, the admin helpers, dates and languages, caches, the base templates. No
    models: it imports no app of the project."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.urls import register_converter

        from .converters import IdConverter
        from .csp import patch_wagtail_choosers

        register_converter(IdConverter, "id")  # <id:pk>: a bounded <int:pk> (converters.py)
        patch_wagtail_choosers()  # their init scripts carry the CSP nonce
