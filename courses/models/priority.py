"""The priority window of a copied cycle: for its first days of applications, only the
learners left on the previous cycle's waitlist (and administrators) may apply.

Re-exported by `courses/models/__init__.py`, so that Django registers the models with the
app; kept apart because the window is an option of copying a cycle, not part of a cycle.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PriorityWindow(models.Model):
    cycle = models.OneToOneField(
        "courses.Cycle",
        on_delete=models.CASCADE,
        related_name="priority_window",
        verbose_name=_("cycle"),
    )
    # PROTECT: the invitations say whose waitlist they came from.
    source = models.ForeignKey(
        "courses.Cycle",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("waitlist of"),
    )
    until = models.DateTimeField(_("only invited learners may apply until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("priority window")
        verbose_name_plural = _("priority windows")

    def __str__(self):
        return f"{self.cycle} · {self.until:%Y-%m-%d %H:%M}"

    def is_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.until


class PriorityInvitee(models.Model):
    """A learner of the previous cycle's waitlist, invited to apply first."""

    window = models.ForeignKey(PriorityWindow, on_delete=models.CASCADE, related_name="invitees")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="priority_invitations",
        verbose_name=_("learner"),
    )

    class Meta:
        verbose_name = _("priority invitation")
        verbose_name_plural = _("priority invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["window", "learner"],
                name="one_priority_invitation_per_learner_and_window",
            ),
        ]

    def __str__(self):
        return f"{self.window.cycle} · {self.learner}"
