from django import template

from core.csp import nonce_attribute

register = template.Library()


@register.simple_tag
def csp_nonce_attribute():
    """` nonce="..."` for an inline script the server writes (see core/csp.py)."""
    return nonce_attribute()
