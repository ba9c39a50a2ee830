from wagtail import hooks

from .change_requests import ChangeRequestViewSet


@hooks.register("register_admin_viewset")
def register_change_requests():
    return ChangeRequestViewSet("change_requests")


@hooks.register("after_create_user")
def invite_the_new_user(request, user):
    """Every new account is invited, however it was made (docs/decisions/0007-accounts.md):
    one made in the admin too, so that its holder learns of it and chooses a password."""
    from . import closed as accounts
    from . import invitations

    if not accounts.is_closed(user):
        invitations.invite(user=user, by=request.user)
