"""The outbox in the Wagtail admin: administrators see what was sent, what waits and why
(read only: rows change only through `outbox.services`)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from core.admin_ui import LocalDateColumn, ServiceOnlyViewSet

from .models import OutboxMessage


class OutboxFilterSet(WagtailFilterSet):
    unsent = django_filters.BooleanFilter(
        label=_("Still to send"), field_name="sent_at", lookup_expr="isnull"
    )

    class Meta:
        model = OutboxMessage
        fields = ["kind"]


class OutboxViewSet(ServiceOnlyViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = _("Outgoing e-mail")
    add_to_settings_menu = True
    url_prefix = "outbox"
    name = "outbox_admin"
    filterset_class = OutboxFilterSet
    search_fields = ["dedup_key", "kind"]
    inspect_view_enabled = True
    list_display = [
        Column("dedup_key", label=_("Message")),
        Column("kind", label=_("Kind")),
        LocalDateColumn("created_at", label=_("Written"), with_time=True),
        LocalDateColumn("sent_at", label=_("Sent"), with_time=True),
        Column("attempts", label=_("Attempts")),
        Column("last_error", label=_("Last error")),
    ]
