"""Public verification (no login; these URLs are printed on paper, keep them stable) and
the learner's own certificates."""

import logging
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from cms import content_names

from . import services
from .models import Certificate, LearnerRecord, normalise_code
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
    if certificate is None:
        record = LearnerRecord.objects.filter(code=normalise_code(code)).first()
        if record is not None:
            return render(request, "certificates/verify_record.html", {"record": record})
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


@rate_limited(setting="VERIFY_RATE_PER_MINUTE", scope="verify_file")
def verify_file(request):
    """Upload a certificate PDF: is its signature intact, whose is it, and what is the
    status of the verification code it carries. Nothing is stored."""
    from django.conf import settings

    from . import signing

    context: dict = {"max_mb": settings.VERIFY_UPLOAD_MAX_BYTES // (1024 * 1024)}
    status = 200
    if request.method == "POST":
        # Refuse a body far over the limit before Django reads it into a temporary file.
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > settings.VERIFY_UPLOAD_MAX_BYTES + 64 * 1024:
            context["error"] = "too_large"
            return render(request, "certificates/verify_file.html", context, status=400)
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "missing"
            status = 400
        elif upload.size > settings.VERIFY_UPLOAD_MAX_BYTES:
            context["error"] = "too_large"
            status = 400
        else:
            check = signing.inspect_pdf(upload.read())
            context["check"] = check
            context["certificate"] = services.verify(code=check.code) if check.code else None
    return render(request, "certificates/verify_file.html", context, status=status)


# --- Open Badges 3.0 (certificates/badges.py) -------------------------------------------------


@login_required
def badge(request, serial):
    """The learner's own Open Badges credential of an issued certificate (a VC-JWT file)."""
    from django.http import HttpResponse

    from . import badges

    certificate = get_object_or_404(
        Certificate.objects.select_related("enrollment__cycle__programme"),
        serial=serial,
        enrollment__learner=request.user,
        status=Certificate.Status.ISSUED,
    )
    response = HttpResponse(badges.signed_credential(certificate), content_type=badges.MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.jwt"'
    return response


def _public_json(document: dict):
    from django.http import JsonResponse

    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers fetch it anywhere
    return response


def badge_issuer(request):
    from . import badges

    return _public_json(badges.issuer_profile())


def badge_jwks(request):
    from . import badges

    return _public_json(badges.jwks())


def badge_status_list(request):
    """The revocation list, signed, read from the database now (never cached: a revocation
    shows as soon as it commits)."""
    from django.http import HttpResponse

    from . import badges

    response = HttpResponse(
        badges.sign(badges.status_list_credential()), content_type=badges.MEDIA_TYPE
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response


# --- Learner records (services/records.py) ---------------------------------------------------


def record_response(record, fmt: str):
    """A learner record as a PDF or JSON download."""
    from django.http import HttpResponse, JsonResponse

    filename = f"learner-record-{record.code}.{fmt}"
    if fmt == "json":
        response = JsonResponse(
            services.record_json(record), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
    else:
        response = HttpResponse(services.record_pdf(record), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def my_record(request, fmt):
    return record_response(services.learner_record(learner=request.user), fmt)
