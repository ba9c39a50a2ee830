"""Wagtail admin screens for cycles and their rosters, grouped under one menu.

The screens live in `cycle_viewsets.py` (cycles) and `roster_viewsets.py` (rosters); writes
go through `courses.services`. Instructors see only the cycles assigned to them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .cycle_viewsets import CycleViewSet
from .roster_viewsets import RosterViewSet


class EnrollmentAdminGroup(ModelViewSetGroup):
    menu_label = _("Enrollment")
    menu_icon = "group"
    menu_order = 150
    items = (CycleViewSet("cycles"), RosterViewSet("roster"))
