"""The transactional outbox: an e-mail to send is a row written in the same transaction as
the change it reports, so that it exists exactly when the change does. Sending happens
after commit (and again from the sweeper until it succeeds); `dedup_key` makes one
logical e-mail one row, whoever writes it and however often."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    payload = models.JSONField(_("payload"), default=dict)
    dedup_key = models.CharField(
        _("deduplication key"),
        max_length=200,
        unique=True,
        help_text=_(
            "One logical message, e.g. certificate-ready:42; a second row with the "
            "same key is never written."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    available_at = models.DateTimeField(
        _("next attempt at"),
        default=timezone.now,
        help_text=_(
            "Not sent before this: pushed back after a failure, and while a sender holds its claim."
        ),
    )
    claimed_at = models.DateTimeField(
        _("claimed at"),
        null=True,
        blank=True,
        help_text=_("When a sender took the message; only that sender may mark it sent."),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "pk"]
        indexes = [
            # The sweeper's question, answered from a small index of what is still to send.
            models.Index(
                fields=["available_at"],
                condition=Q(sent_at__isnull=True),
                name="outbox_unsent_by_due_time",
            ),
        ]

    def __str__(self):
        return self.dedup_key
