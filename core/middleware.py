from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .csp import current_nonce


class PreferredLanguageMiddleware:
    """Serve a signed-in learner in the language of their profile.

    LocaleMiddleware has already chosen from the cookie and the browser; a signed-in user's
    own choice (kept up to date by the language switcher) wins over both.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with one relaxation for the Wagtail admin only.

    The admin's scripts (the accessibility checker of the page editor, among others) insert
    <style> elements whose text varies, so no hash can allow them: the admin's style-src adds
    'unsafe-inline' (settings.ADMIN_CSP_UPDATE). Its script-src stays as strict as the site's:
    the inline scripts Wagtail writes carry the request's nonce (core/csp.py).
    """

    def process_request(self, request):
        super().process_request(request)
        # Widgets render without the request: they read the nonce from here (core/csp.py).
        current_nonce.set(request.csp_nonce)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(_admin_prefix()):
            parts.update = {**settings.ADMIN_CSP_UPDATE, **(parts.update or {})}
        return parts


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")
