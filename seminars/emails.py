"""Announcement e-mails, sent through the outbox (`outbox/`): one message per receipt
(deduplicated by its id), built at sending time in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from outbox.registry import email_kind

from .models import AnnouncementReceipt

ANNOUNCEMENT_EMAIL = "seminars.announcement"


@email_kind(ANNOUNCEMENT_EMAIL)
def announcement_email(payload: dict) -> EmailMessage | None:
    receipt = (
        AnnouncementReceipt.objects.select_related(
            "announcement", "announcement__cycle", "recipient"
        )
        .filter(pk=payload["receipt_id"])
        .first()
    )
    if receipt is None:
        return None
    announcement = receipt.announcement
    language = receipt.language or settings.LANGUAGE_CODE
    subject, body = announcement.text_in(language)
    with translation.override(language):
        text = render_to_string(
            "seminars/email/announcement.txt",
            {
                "announcement": announcement,
                "body": body,
                "learner": receipt.recipient,
                "site_url": settings.PUBLIC_BASE_URL,
            },
        )
    return EmailMessage(
        f"{announcement.cycle.code}: {subject}", text, None, [receipt.recipient.email]
    )
