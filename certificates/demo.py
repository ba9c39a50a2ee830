"""Demo certificate templates and certificates for `manage.py seed_demo` (safe to re-run)."""

from cms.models import ProgrammePage

from .models import CertificateTemplate
from .services import issue_for_cycle
from .wording import DEFAULT_WORDING

SIGNATORIES = {
    "en": [("Nikhil Seth", "Executive Director, UNITAR"),
           ("Marc Lefèvre", "Programme Coordinator, PATIT")],
    "fr": [("Nikhil Seth", "Directeur exécutif, UNITAR"),
           ("Marc Lefèvre", "Coordonnateur du programme PATIT")],
    "ar": [("نيخيل سيث", "المدير التنفيذي، يونيتار"),
           ("مارك لوفيفر", "منسق برنامج PATIT")],
}


def seed_templates() -> list[CertificateTemplate]:
    programme = ProgrammePage.objects.get(slug="patit")
    templates = []
    for language, (title, body) in DEFAULT_WORDING.items():
        template, _ = CertificateTemplate.objects.get_or_create(
            programme=programme, language=language,
            defaults={
                "title": title, "body": body,
                "signatories": [("signatory", {"name": n, "title": t, "signature": None})
                                for n, t in SIGNATORIES[language]],
            },
        )
        templates.append(template)
    return templates


def seed_certificates(cycle):
    """Certificates for every finished learner of a cycle (one per learner, ever)."""
    return issue_for_cycle(cycle=cycle)
