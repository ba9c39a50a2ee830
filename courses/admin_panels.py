"""The admin home's panel of open cycles: how full each is, how long its waitlist, and how
many offers lapse within a day (those learners may need a call)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from . import selectors
from .models import Enrollment


class OpenCyclesPanel(Component):
    name = "open_cycles"
    order = 50
    template_name = "courses/admin/open_cycles_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        cycles = selectors.open_cycles(now=now).annotate(
            lapsing=Count(
                "enrollments",
                filter=Q(
                    enrollments__status=Enrollment.Status.OFFERED,
                    enrollments__offer_expires_at__lte=now + timedelta(hours=24),
                ),
            ),
        )
        return {"cycles": cycles, "request": self.request}
