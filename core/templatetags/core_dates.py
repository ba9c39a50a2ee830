"""`{{ value|long_date }}` and `{{ value|long_datetime }}`: dates in pages and e-mails through
`core.dates`, in the active language (e-mails are rendered under the learner's language)."""

from django import template

from core import dates

register = template.Library()


# Like Django's `date` filter, they receive the value already in the current time zone
# (`expects_localtime`), or in its own zone inside `{% localtime off %}`; they keep it.


def _zone(value):
    return getattr(value, "tzinfo", None)


@register.filter(expects_localtime=True)
def long_date(value):
    return dates.format_date(value, tz=_zone(value)) if value else ""


@register.filter(expects_localtime=True)
def long_datetime(value):
    return dates.format_datetime(value, tz=_zone(value)) if value else ""
