from wagtail import hooks

from .viewsets import CertificatesAdminGroup


@hooks.register("register_admin_viewset")
def register_certificates_admin():
    return CertificatesAdminGroup()


@hooks.register("before_serve_page")
def offer_module_download(page, request, serve_args, serve_kwargs):
    """A module page offers "Download this module" to those who may read it offline (the cms
    app renders `request.module_pdf_url` without knowing about enrollments)."""
    from django.urls import reverse

    from cms.models import ModulePage

    from .offline import may_download

    if isinstance(page, ModulePage) and may_download(user=request.user, module=page):
        request.module_pdf_url = reverse("certificates:module_pdf", args=[page.pk])
