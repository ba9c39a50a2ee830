from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Announcement, AnnouncementReceipt


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_announcement(announcement_id: int) -> int:
    """E-mail each recipient once. A receipt is claimed (conditional UPDATE) before its
    mail is sent, so a task run twice, or two workers, never mail anyone twice; a mail that
    fails after its claim is not retried (the dashboard still shows the announcement)."""
    announcement = Announcement.objects.select_related("cycle").filter(pk=announcement_id).first()
    if announcement is None:
        return 0
    sent = 0
    pending = AnnouncementReceipt.objects.filter(announcement=announcement, sent_at=None)
    for receipt in pending.select_related("recipient"):
        claimed = AnnouncementReceipt.objects.filter(pk=receipt.pk, sent_at=None).update(
            sent_at=timezone.now())
        if not claimed:
            continue
        language = receipt.language or settings.LANGUAGE_CODE
        subject, body = announcement.text_in(language)
        with translation.override(language):
            text = render_to_string("seminars/email/announcement.txt", {
                "announcement": announcement, "body": body, "learner": receipt.recipient,
                "site_url": settings.PUBLIC_BASE_URL,
            })
        send_mail(f"{announcement.cycle.code}: {subject}", text, None, [receipt.recipient.email])
        sent += 1
    return sent
