"""Issue a certificate the moment an enrollment completes, in the same transaction."""

from django.dispatch import receiver

from courses.signals import enrollment_completed


@receiver(enrollment_completed, dispatch_uid="certificates.issue_on_completion")
def issue_on_completion(sender, enrollment, **kwargs):
    from .services import issue

    issue(enrollment=enrollment)
