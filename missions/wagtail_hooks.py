from wagtail import hooks

from .viewsets import MissionsAdminGroup


@hooks.register("register_admin_viewset")
def register_missions_admin():
    return MissionsAdminGroup()
