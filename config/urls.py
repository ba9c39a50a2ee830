import re

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import sso, views
from core import health

# Wagtail's image uploads and renditions: the only files served straight from MEDIA_ROOT.
PUBLIC_MEDIA_DIRECTORIES = ("original_images", "images")

urlpatterns = [
    # Before Wagtail's own: its sign-out view deletes the session cookie even on the GET it
    # answers 405 to, so a link or an image on any page signed staff out (decision 0009).
    path("admin/logout/", views.admin_logout, name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", views.profile, name="profile"),
    # Invitations: a new participant sets their password once.
    path("accounts/invitation/<str:token>/", views.invitation, name="invitation"),
    path("accounts/", include("accounts.urls")),
    # Single sign-on for staff (accounts/sso.py); 404 while it is off.
    path("accounts/oidc/authenticate/", sso.SignInView.as_view(), name="oidc_authentication_init"),
    path(
        "accounts/oidc/callback/", sso.CallbackView.as_view(), name="oidc_authentication_callback"
    ),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz", health.healthz, name="healthz"),
    path("healthz/services", health.services, name="healthz_services"),
    path("", include("seminars.urls")),
    path("", include("evaluations.urls")),
    path("", include("courses.urls")),
    path("", include("certificates.urls")),
    path("", include("missions.urls")),
    # The read API (docs/api.md): bearer tokens, not sessions.
    path("api/v1/", include("api.urls")),
]

if settings.SERVE_PUBLIC_MEDIA:
    # The demo serves the public uploads only: lesson images and their renditions.
    # Documents go through Wagtail's view (it checks access); certificates are private files
    # outside MEDIA_ROOT. A production proxy serves the same two directories, nothing else.
    from django.http import Http404
    from django.urls import re_path
    from django.views.static import serve

    def public_media(request, path):
        if ".." in path.split("/"):  # images/../documents/... stays out of reach
            raise Http404
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    media = re.escape(settings.MEDIA_URL.lstrip("/"))
    directories = "|".join(PUBLIC_MEDIA_DIRECTORIES)
    urlpatterns += [re_path(rf"^{media}(?P<path>(?:{directories})/.+)$", public_media)]

# Wagtail serves every other path from the page tree, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
