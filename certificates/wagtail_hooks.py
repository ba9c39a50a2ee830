from wagtail import hooks

from .viewsets import CertificatesAdminGroup


@hooks.register("register_admin_viewset")
def register_certificates_admin():
    return CertificatesAdminGroup()
