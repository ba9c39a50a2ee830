"""Forms for the user model: the Wagtail admin's user screens and the learner's profile."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from .models import User

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


class ProfileForm(forms.ModelForm):
    """What a learner may change about themselves."""

    class Meta:
        model = User
        fields = ("first_name", "last_name", *PROFILE_FIELDS)
        labels = {"first_name": _("First name"), "last_name": _("Last name")}
