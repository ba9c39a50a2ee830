"""Forms for the user model: the Wagtail admin's user screens and the learner's profile."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from core.validators import one_line

from . import services
from .models import CertificateName, ProfileChangeRequest, User

PROFILE_FIELDS = (
    "certificate_name",
    "member_state",
    "rank",
    "preferred_language",
)


def certificate_name_field(language: str) -> str:
    """The certificate name's form field for `language` (zh-hans: certificate_name_zh_hans)."""
    return f"certificate_name_{language.replace('-', '_')}"


class CertificateNamesMixin(forms.ModelForm):
    """One optional field per language of settings.LANGUAGES other than the source language,
    made from settings (a language added there gets its field), saved as CertificateName
    rows by `services.set_certificate_names` with the user."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        saved = self.instance.certificate_names_by_language() if self.instance.pk else {}
        names = []
        for code, language_name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            name = certificate_name_field(code)
            self.fields[name] = forms.CharField(
                # Built per form, so the label reads in the request's language.
                label=gettext("Name on certificates in %(language)s")
                % {"language": gettext(str(language_name))},
                max_length=CertificateName._meta.get_field("name").max_length,
                required=False,
                validators=[one_line],
                initial=saved.get(code, ""),
            )
            self.fields[name].widget.attrs["lang"] = code
            names.append(name)
        self.certificate_name_fields = names
        # Right after the main certificate name, where a reader looks for them.
        order = list(self.fields)
        if "certificate_name" in order:
            rest = [field for field in order if field not in names]
            at = rest.index("certificate_name") + 1
            self.order_fields(rest[:at] + names + rest[at:])

    def certificate_name_bound_fields(self):
        return [self[name] for name in self.certificate_name_fields]

    def _save_m2m(self):
        super()._save_m2m()
        services.set_certificate_names(
            user=self.instance,
            names={
                code: self.cleaned_data.get(certificate_name_field(code), "")
                for code, _name in settings.LANGUAGES
                if code != settings.LANGUAGE_CODE
            },
        )


class UserCreationForm(CertificateNamesMixin, WagtailUserCreationForm):
    class Meta(WagtailUserCreationForm.Meta):
        fields = WagtailUserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class UserEditForm(CertificateNamesMixin, WagtailUserEditForm):
    class Meta(WagtailUserEditForm.Meta):
        fields = WagtailUserEditForm.Meta.fields | set(PROFILE_FIELDS)


# Verified facts: decisions rely on them, so a learner asks and an administrator approves.
VERIFIED_FIELDS = ("member_state", "rank")


class ProfileForm(CertificateNamesMixin, forms.ModelForm):
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
