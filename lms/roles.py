"""The three roles of docs/architecture.md, as Django groups created by a data migration."""

from django.utils.translation import gettext_lazy as _

LEARNERS = "Learners"
INSTRUCTORS = "Instructors"
ADMINISTRATORS = "Administrators"

ROLE_LABELS = {
    LEARNERS: _("Learners"),
    INSTRUCTORS: _("Instructors"),
    ADMINISTRATORS: _("Administrators"),
}


def is_administrator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()
    )


def is_instructor(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=INSTRUCTORS).exists()
