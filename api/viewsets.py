"""API tokens in the Wagtail admin (Settings → API tokens): an administrator issues a token
for a person, sees it once, and revokes it. A token is never edited or deleted: the row
stays, revoked, so that its last use remains on record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_ui import LocalDateColumn
from core.exports import SafeSpreadsheetExportMixin

from . import tokens
from .models import ApiToken


class TokenPermissionPolicy(ModelPermissionPolicy):
    """Issue (`api.add_apitoken`) and view; the generic edit and delete screens are off
    (revoking is its own screen, which checks `api.change_apitoken`)."""

    def user_has_permission(self, user, action):
        if action in ("change", "delete"):
            return False
        return super().user_has_permission(user, action)


class TokenCreateView(CreateView):
    """Saves through `tokens.store_new` and shows the token once, on this response only:
    it is in no message, session or log, and the page is not cached."""

    def form_valid(self, form):
        row = form.save(commit=False)
        row.created_by = self.request.user
        clear = tokens.store_new(row=row)
        self.template_name = "api/admin/token_created.html"
        context = self.get_context_data(form=form, token=clear, token_row=row)
        response = self.render_to_response(context)
        response["Cache-Control"] = "no-store"
        return response


class TokenIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None and self.request.user.has_perm("api.change_apitoken"):
            url = reverse("api_tokens:revoke", args=[instance.pk])
            buttons.append(MenuItem(_("Revoke"), url=url, icon_name="cross", priority=50))
        return buttons


class RevokeTokenView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "api/admin/revoke.html"
    header_icon = "key"
    page_title = _("Revoke an API token")

    def dispatch(self, request, pk):
        if not request.user.has_perm("api.change_apitoken"):
            raise PermissionDenied
        self.token = get_object_or_404(ApiToken, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.token)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            token_row=self.token, index_url=reverse("api_tokens:index"), **kwargs
        )

    def post(self, request, pk):
        tokens.revoke(token=self.token)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": self.token.name})
        return redirect("api_tokens:index")


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = _("API tokens")
    add_to_settings_menu = True
    url_prefix = "api-tokens"
    name = "api_tokens"
    add_view_class = TokenCreateView
    index_view_class = TokenIndexView
    form_fields = ["name", "user", "expires_at"]
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name", "prefix", "user__email"]
    list_display = [
        "name",
        "user",
        Column("prefix", label=_("Key prefix")),
        Column("state", label=_("State")),
        LocalDateColumn("created_at", label=_("Created"), with_time=True),
        LocalDateColumn("expires_at", label=_("Expires"), with_time=True),
        LocalDateColumn("last_used_at", label=_("Last used"), with_time=True),
    ]

    @property
    def permission_policy(self):
        return TokenPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("revoke/<int:pk>/", RevokeTokenView.as_view(), name="revoke"),
        ]
