"""Forms for the user model: the Wagtail admin's user screens and the learner's profile."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from .models import ProfileChangeRequest, User

PROFILE_FIELDS = (
    "certificate_name",
    "certificate_name_ar",
    "certificate_name_fr",
    "member_state",
    "rank",
    "preferred_language",
)


class UserCreationForm(WagtailUserCreationForm):
    class Meta(WagtailUserCreationForm.Meta):
        fields = WagtailUserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class UserEditForm(WagtailUserEditForm):
    class Meta(WagtailUserEditForm.Meta):
        fields = WagtailUserEditForm.Meta.fields | set(PROFILE_FIELDS)


# Verified facts: decisions rely on them, so a learner asks and an administrator approves.
VERIFIED_FIELDS = ("member_state", "rank")


class ProfileForm(forms.ModelForm):
    """What a learner may change about themselves directly: names and language."""

    class Meta:
        model = User
        fields = (
            "first_name",
            "last_name",
            *[f for f in PROFILE_FIELDS if f not in VERIFIED_FIELDS],
        )
        labels = {"first_name": _("First name"), "last_name": _("Last name")}


class ChangeRequestForm(forms.ModelForm):
    """A request to change the verified rank and Member State."""

    class Meta:
        model = ProfileChangeRequest
        fields = ("member_state", "rank", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "maxlength": 1000})}
