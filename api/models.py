"""Bearer tokens for the read API (docs/api.md, decision 0013).

A token is `patit_<prefix>_<secret>`. Only the prefix (to find the row with one indexed
lookup) and the SHA-256 of the whole token are stored: the secret has 256 bits from
`secrets`, so a fast hash is enough (no password-style stretching to slow every request),
and a copy of the database gives nobody a usable token.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. 'Ghana reporting'.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        limit_choices_to={"is_active": True},
        verbose_name=_("acts as"),
        help_text=_("The token sees what this person may see, nothing more."),
    )
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("Blank: does not expire.")
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self._state.adding and self.expires_at and self.expires_at <= timezone.now():
            raise ValidationError({"expires_at": _("A new token must expire in the future.")})

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return str(_("Revoked"))
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return str(_("Expired"))
        return str(_("Active"))
