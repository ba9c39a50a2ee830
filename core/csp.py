"""Nonces for the few inline scripts the Wagtail admin writes server-side.

Wagtail's chooser widgets and date/time pickers start themselves with an inline <script>,
and widgets are rendered without the request, so they cannot reach `request.csp_nonce`.
The CSP middleware keeps the current request's nonce in a context variable; the widget
templates (core/templates/wagtailadmin/widgets/) and the chooser's render (patched below)
put it on their script. Only markup the server writes gets the nonce: text a person typed is
escaped and never becomes a script, so the policy still refuses injected scripts.
"""

from contextvars import ContextVar

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

current_nonce: ContextVar[object | None] = ContextVar("current_csp_nonce", default=None)


def nonce_attribute() -> SafeString:
    """` nonce="..."` for the current request's policy, or nothing outside a request."""
    nonce = current_nonce.get()
    if nonce is None:
        return mark_safe("")  # noqa: S308 - a constant
    return format_html(' nonce="{}"', str(nonce))


def patch_wagtail_choosers() -> None:
    """BaseChooser.render with the nonce on its init script (Wagtail writes `<script>`)."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "lms_csp_nonce", False):
        return
    original = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        html = str(original(self, name, value, attrs=attrs, renderer=renderer))
        # The widget's own markup is escaped; its one script is the init script at the end.
        head, sep, tail = html.rpartition("<script>")
        if not sep:
            return mark_safe(html)  # noqa: S308 - Wagtail's own rendered markup
        return mark_safe(f"{head}<script{nonce_attribute()}>{tail}")  # noqa: S308

    render.lms_csp_nonce = True
    BaseChooser.render = render
