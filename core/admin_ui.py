from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from core.dates import format_date, format_datetime


class ServiceOnlyPermissionPolicy(ModelPermissionPolicy):
    """For admin lists of records that change only through services (enrollments,
    certificates): viewing follows the model permissions; the generic add, edit and delete
    screens are refused to everyone, superusers included."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class ServiceOnlyViewSet(ModelViewSet):
    """An admin list (with search, filters, export, and the screens a subclass adds) of
    records that change only through their services: the generic add, edit, copy and
    delete screens are refused (`ServiceOnlyPermissionPolicy`); the screens that act call a
    service."""

    copy_view_enabled = False

    def get_form_fields(self):
        # Wagtail builds a form class even for screens nobody may open: one field will do.
        return [next(f.name for f in self.model._meta.concrete_fields if f.editable)]

    @property
    def permission_policy(self):
        return ServiceOnlyPermissionPolicy(self.model)


class LocalDateColumn(Column):
    """A date or time shown as a date (Wagtail's DateColumn shows "3 days ago", which reads
    "Just now" for a date still to come, such as a cycle's start or an offer's deadline)."""

    def __init__(self, name, *, with_time=False, **kwargs):
        super().__init__(name, **kwargs)
        self.with_time = with_time

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return format_datetime(value) if self.with_time else format_date(value)


def _attrs_html(attrs) -> str:
    # As Django's django/forms/widgets/attrs.html: False drops the attribute, True is bare.
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainSelect(forms.Select):
    """A single <select> of fixed choices written in Python, the markup of Django's own
    templates: a long list (the 193 Member States) otherwise renders two templates per
    option, which costs more than the rest of an admin listing's header and filters. The
    escaped options are kept per language (a few kilobytes per list)."""

    _escaped: dict = {}  # (language, choices' values and label ids) -> (choices, options)

    def render(self, name, value, attrs=None, renderer=None):
        if self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        attrs = self.build_attrs(self.attrs, attrs)
        wanted = {str(v) for v in self.format_value(value)}
        parts = [f'<select name="{escape(name)}"{_attrs_html(attrs)}>']
        for option_value, html in self._options():
            if option_value in wanted:
                wanted = set()  # as Django: only the first matching option is selected
                html = html.replace('">', '" selected>', 1)
            parts.append(html)
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped

    def _options(self) -> list[tuple[str | None, str]]:
        """(value, markup) of each option, (None, markup) of each group's tags."""
        choices = list(self.choices)
        # The entry holds `choices`, so no label's id is reused while the entry lives.
        key = (get_language(), _identity(choices))
        cached = self._escaped.get(key)
        if cached is not None:
            return cached[1]
        options: list[tuple[str | None, str]] = []
        for group, members in choices:
            if isinstance(members, (list, tuple)):
                options.append((None, f'\n  <optgroup label="{escape(group)}">'))
                options.extend(_option(*choice) for choice in members)
                options.append((None, "\n  </optgroup>"))
            else:
                options.append(_option(group, members))
        if len(self._escaped) > 50:
            self._escaped.clear()
        self._escaped[key] = (choices, options)
        return options


def _identity(choices) -> tuple:
    return tuple(
        (value, tuple(_identity(label)) if isinstance(label, (list, tuple)) else id(label))
        for value, label in choices
    )


def _option(value, label) -> tuple[str, str]:
    value = "" if value is None else str(value)
    return value, f'\n  <option value="{escape(value)}">{escape(str(label))}</option>'
