from django.utils import translation


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
