"""Certificates: templates per programme and language, and the certificates issued.

One live (pending, issued or failed) certificate per enrollment is a database constraint. A
certificate is created `pending` in the transaction that completes the enrollment; a render
task turns it `issued` exactly once (see `certificates.services`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import PreviewableMixin

from private_files.storage import certificate_storage

from .templating import PLACEHOLDERS, placeholder_errors

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 20 symbols × 5 bits = 100 bits from `secrets`
CODE_GROUP = 4


def new_verification_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalise_code(text: str) -> str:
    """Accept codes as people type them: any case, spaces or no hyphens, O for 0, I/L for 1."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return ""
    return "-".join(cleaned[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


class SignatoryBlock(blocks.StructBlock):
    name = blocks.CharBlock()
    title = blocks.CharBlock()
    signature = ImageChooserBlock(required=False)


class CertificateTemplate(PreviewableMixin, models.Model):
    """The wording of a programme's certificate in one language (a Wagtail snippet whose
    preview is the PDF itself, for a sample learner)."""

    programme = models.ForeignKey(
        "cms.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="certificate_templates",
        verbose_name=_("programme"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(
        _("body"),
        help_text=_("Placeholders: {name}, {programme}, {cycle}, {start}, {end}."),
    )
    signatories = StreamField(
        [("signatory", SignatoryBlock())], blank=True, verbose_name=_("signatories")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Blank: the UNITAR logo shipped with the system."),
    )

    panels = [
        FieldPanel("programme"),
        FieldPanel("language"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("signatories"),
        FieldPanel("logo"),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "language"],
                name="one_certificate_template_per_language",
                violation_error_message=_(
                    "This programme already has a template in this language."
                ),
            )
        ]

    def __str__(self):
        return f"{self.programme} · {self.get_language_display()}"

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from .services import preview_pdf

        return HttpResponse(preview_pdf(self), content_type="application/pdf")

    def clean(self):
        from django.core.exceptions import ValidationError

        # Only plain placeholders: no format specs, conversions or attribute access
        # (certificates/templating.py says why).
        errors = placeholder_errors(self.body)
        if errors:
            raise ValidationError(
                {
                    "body": _(
                        "Only these placeholders may be used, exactly as written: %(known)s. "
                        "Not allowed: %(errors)s."
                    )
                    % {"known": ", ".join(PLACEHOLDERS), "errors": ", ".join(errors)}
                }
            )


class Certificate(models.Model):
    # Learner activity rows, written on every application or lesson: Wagtail's reference
    # index (page "usage") would add a lookup and a write to each, for nothing.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        ISSUED = "issued", _("Valid")
        FAILED = "failed", _("Rendering failed")
        REVOKED = "revoked", _("Revoked")

    # Statuses of the one certificate an enrollment may have at a time.
    LIVE = (Status.PENDING, Status.ISSUED, Status.FAILED)

    enrollment = models.ForeignKey(
        "courses.Enrollment",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("enrollment"),
    )
    serial = models.CharField(_("serial number"), max_length=60, unique=True)
    code = models.CharField(
        _("verification code"), max_length=32, unique=True, default=new_verification_code
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # Private storage (STORAGES["certificates"]), never public media: see private_files.
    pdf = models.FileField(
        _("PDF"), upload_to="certificates/", blank=True, storage=certificate_storage
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(
        _("render claimed at"),
        null=True,
        blank=True,
        help_text=_("When a worker started rendering; a stale claim is taken over."),
    )
    attempts = models.PositiveSmallIntegerField(_("render attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    # What the certificate says, fixed when it is created: the PDF, every re-render and the
    # verification page print these, never today's profile or page titles. A corrected
    # name goes through `reissue`, which is audited.
    printed_name = models.CharField(_("name as printed"), max_length=200, blank=True)
    printed_name_latin = models.CharField(
        _("main spelling of the name"),
        max_length=200,
        blank=True,
        help_text=_("Shown beside a name printed in another script."),
    )
    programme_title = models.CharField(_("programme"), max_length=255, blank=True)
    cycle_title = models.CharField(_("cycle"), max_length=200, blank=True)
    cycle_code = models.CharField(_("cycle code"), max_length=40, blank=True)
    starts_on = models.DateField(_("cycle started on"), null=True, blank=True)
    ends_on = models.DateField(_("cycle ended on"), null=True, blank=True)
    completed_items = models.JSONField(_("completed modules"), default=list, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(status__in=["pending", "issued", "failed"]),
                name="one_live_certificate_per_enrollment",
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | Q(issued_at__isnull=False),
                name="issued_certificate_has_a_date",
            ),
        ]

    def __str__(self):
        return self.serial

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def learner_name(self) -> str:
        """The name as printed on this certificate (in its language's spelling)."""
        return self.printed_name

    @property
    def learner_name_latin(self) -> str:
        """The main spelling, shown beside a name printed in another script."""
        return self.printed_name_latin


class LearnerRecord(models.Model):
    """A learner's record of every cycle they took, as it was when made (issue 22): the PDF
    and the JSON print `data`; its own verification code is checked on /verify/<code>/ like
    a certificate's. A new row only when the facts changed (services/records.py)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learner_records",
        verbose_name=_("learner"),
    )
    code = models.CharField(
        _("verification code"), max_length=32, unique=True, default=new_verification_code
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    data = models.JSONField(_("what it says"))
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("learner record")
        verbose_name_plural = _("learner records")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code
