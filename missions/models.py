"""Missions nominate their diplomats: a focal point per mission, and optional quotas.

A focal point is a plain row (user, Member State) rather than a django-guardian object
permission: Member States are codes (core/member_states.py), not model rows, so there is no
object to hold a permission on, and "which mission does this person speak for" is one
indexed lookup that every mission page makes. The *Mission focal points* group (created by
migration) carries the role; the row scopes it to one Member State.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.member_states import CHOICES as MEMBER_STATE_CHOICES
from core.member_states import NAMES as MEMBER_STATE_NAMES

FOCAL_POINTS = "Mission focal points"


class FocalPoint(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="focal_point",
        verbose_name=_("focal point"),
    )
    member_state = models.CharField(
        _("Member State or organisation"), max_length=3, choices=MEMBER_STATE_CHOICES, db_index=True
    )
    created_at = models.DateTimeField(_("appointed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mission focal point")
        verbose_name_plural = _("mission focal points")
        ordering = ["member_state", "user__email"]
        permissions = [("nominate", _("Can nominate the diplomats of their mission"))]

    def __str__(self):
        return f"{self.user} · {self.member_state_name}"

    @property
    def member_state_name(self) -> str:
        return str(MEMBER_STATE_NAMES.get(self.member_state, self.member_state))


class MissionQuota(models.Model):
    """At most `quota` enrollments (waiting, offered, enrolled or completed) of one Member
    State in one cycle, counted with the Member State each enrollment applied with."""

    cycle = models.ForeignKey(
        "courses.Cycle",
        on_delete=models.CASCADE,
        related_name="mission_quotas",
        verbose_name=_("cycle"),
    )
    member_state = models.CharField(
        _("Member State or organisation"), max_length=3, choices=MEMBER_STATE_CHOICES
    )
    quota = models.PositiveIntegerField(
        _("quota"),
        validators=[MinValueValidator(1)],
        help_text=_("Applications of this mission in the cycle, waitlist included."),
    )

    class Meta:
        verbose_name = _("mission quota")
        verbose_name_plural = _("mission quotas")
        ordering = ["cycle", "member_state"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "member_state"],
                name="one_quota_per_mission_and_cycle",
                violation_error_message=_("This mission already has a quota in this cycle."),
            ),
        ]

    def __str__(self):
        return f"{self.cycle} · {self.member_state} · {self.quota}"

    @property
    def member_state_name(self) -> str:
        return str(MEMBER_STATE_NAMES.get(self.member_state, self.member_state))
