"""Demo certificate templates (`content/certificates.yaml`) and the certificates of a
finished cycle, issued through the certificate services (safe to re-run)."""

from certificates.models import Certificate, CertificateTemplate
from certificates.services import issue_for_cycle
from certificates.wording import default_wording
from cms.models import ProgrammePage
from cms.translation import in_default_locale
from core import languages
from courses.models import Cycle

from . import loader


def seed_templates() -> list[CertificateTemplate]:
    data = loader.read("certificates.yaml")
    programme = ProgrammePage.objects.get(slug=data["programme"], **in_default_locale())
    templates = []
    # The languages with their wording: a language added to settings without it gets no
    # template (its certificates refuse loudly) rather than stopping the whole demo.
    for language in languages.complete():
        title, body = default_wording(language)
        template, _ = CertificateTemplate.objects.get_or_create(
            programme=programme,
            language=language,
            defaults={
                "title": title,
                "body": body,
                "signatories": [
                    ("signatory", {"name": s["name"], "title": s["title"], "signature": None})
                    for s in data["signatories"][language]
                ],
            },
        )
        templates.append(template)
    return templates


def seed_certificates(cycle: Cycle) -> list[Certificate]:
    """Certificates for every finished learner of a cycle (one per learner, ever)."""
    return issue_for_cycle(cycle=cycle)
