"""The names of the three roles of docs/architecture.md: Django groups, created by a data
migration, that hold permissions. The code never checks these names to decide who may act
(it asks for a permission, `core/permissions.py`); they name the groups for the migrations,
the demo and the import that makes a new participant a learner."""

from django.utils.translation import gettext_lazy as _

LEARNERS = "Learners"
INSTRUCTORS = "Instructors"
ADMINISTRATORS = "Administrators"

ROLE_LABELS = {
    LEARNERS: _("Learners"),
    INSTRUCTORS: _("Instructors"),
    ADMINISTRATORS: _("Administrators"),
}
