from wagtail import hooks

from .change_requests import ChangeRequestViewSet


@hooks.register("register_admin_viewset")
def register_change_requests():
    return ChangeRequestViewSet("change_requests")
