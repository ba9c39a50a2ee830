"""`{{ cycle|shown:"title" }}`: a content name in the active language, through the one
selector (`cms.content_names`). Views prime lists first so a list stays at flat queries."""

from django import template

from cms import content_names

register = template.Library()


@register.filter
def shown(obj, field: str = "title") -> str:
    return content_names.name(obj, field)
