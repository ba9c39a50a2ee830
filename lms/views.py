from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from .forms import ProfileForm


@require_POST
def set_language(request):
    """Django's set_language, which also remembers the choice on a signed-in user's profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    return render(request, "lms/profile.html", {"form": form})


@require_GET
def healthz(request):
    """A trivial view: the baseline the benchmarks compare pages against."""
    return HttpResponse("ok", content_type="text/plain")
