from wagtail import hooks

from .viewsets import EnrollmentAdminGroup


@hooks.register("register_admin_viewset")
def register_enrollment_admin():
    return EnrollmentAdminGroup()
