"""Public verification (no login; these URLs are printed on paper, keep them stable) and
the learner's own certificates."""

import logging
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from cms import content_names

from . import services
from .models import Certificate, normalise_code
from .ratelimit import rate_limited

log = logging.getLogger(__name__)


@rate_limited(setting="VERIFY_RATE_PER_MINUTE", scope="verify_form")
def verify_form(request):
    code = request.GET.get("code", "")
    error = ""
    if code:
        normalised = normalise_code(code)
        if normalised:
            return redirect("certificates:verify_code", code=normalised)
        error = "invalid"
    return render(request, "certificates/verify_form.html", {"code": code, "error": error})


@rate_limited(setting="VERIFY_RATE_PER_MINUTE", scope="verify")
def verify_code(request, code):
    certificate = services.verify(code=code)
    status = 200 if certificate else 404
    return render(
        request,
        "certificates/verify_result.html",
        {"certificate": certificate, "code": code},
        status=status,
    )


@login_required
def my_certificates(request):
    certificates = (
        Certificate.objects.filter(enrollment__learner=request.user)
        .select_related("enrollment__cycle__programme", "replaced_by")
        .order_by("-created_at")
    )
    certificates = list(certificates)
    content_names.prime_cycles([c.enrollment.cycle for c in certificates], request.LANGUAGE_CODE)
    items = [(c, linkedin_url(c) if c.is_valid else "") for c in certificates]
    return render(request, "certificates/my_certificates.html", {"items": items})


@login_required
def download(request, serial):
    # Someone else's certificate is a 404, not a 403: its existence is not disclosed.
    certificate = get_object_or_404(
        Certificate,
        serial=serial,
        enrollment__learner=request.user,
        status=Certificate.Status.ISSUED,
    )
    return pdf_response(certificate)


def pdf_response(certificate: Certificate) -> FileResponse:
    """The certificate's PDF from its private storage, as a download."""
    if not certificate.pdf:
        raise Http404
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError:
        log.error(
            "Certificate %s has no file in its storage %r.",
            certificate.serial,
            certificate.pdf.name,
        )
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )


def linkedin_url(certificate: Certificate) -> str:
    """LinkedIn's "Add to profile" link for a certification."""
    cycle = certificate.enrollment.cycle
    issued = certificate.issued_at
    return "https://www.linkedin.com/profile/add?" + urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": content_names.programme_title(cycle.programme),
            "organizationName": "UNITAR",
            "issueYear": issued.year if issued else "",
            "issueMonth": issued.month if issued else "",
            "certUrl": services.verify_url(certificate),
            "certId": certificate.serial,
        }
    )


@login_required
def module_pdf(request, module_id):
    """One PDF of a module's lessons in the reader's language, for reading offline. A module
    the user may not study is a 404 (its lessons are not ours to hand out)."""
    from django.http import HttpResponse

    from cms.models import ModulePage

    from . import offline

    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    if not offline.may_download(user=request.user, module=module):
        raise Http404
    data = offline.module_pdf_bytes(module=module, language=request.LANGUAGE_CODE)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{offline.filename(module)}"'
    return response
