from django import template
from django.conf import settings

from accounts.sso import enabled

register = template.Library()


@register.simple_tag
def sso_provider() -> str:
    """The identity provider's name when single sign-on is on, else ""."""
    return settings.OIDC_PROVIDER_NAME if enabled() else ""
