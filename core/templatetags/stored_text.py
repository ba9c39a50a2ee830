"""`{{ event.reason|shown }}`: a stored English sentence in the reader's language."""

from django import template

from core import stored_text

register = template.Library()


@register.filter
def shown(text):
    return stored_text.shown(text or "")
