"""Files kept in the database: private (no URL), and the same on every machine that reaches
the database, so that a PDF written by a worker on one machine downloads on another."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self):
        return self.name
