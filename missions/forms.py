from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import Rank


class NominationForm(forms.Form):
    """Either a diplomat already known to the mission, or a new person."""

    diplomat = forms.IntegerField(
        label=_("Diplomat of your mission"), required=False, widget=forms.Select
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    first_name = forms.CharField(label=_("First name"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=150)
    rank = forms.ChoiceField(
        label=_("Title or rank"), choices=Rank.choices, required=False, initial=Rank.OTHER
    )
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, required=False, initial="en"
    )

    def __init__(self, *args, diplomats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diplomat"].widget.choices = [("", _("— a new person (below) —"))] + [
            (d.pk, f"{d} <{d.email}>") for d in diplomats
        ]

    def clean(self):
        data = super().clean()
        if not data.get("diplomat") and not (
            data.get("email") and data.get("first_name") and data.get("last_name")
        ):
            raise forms.ValidationError(
                _(
                    "Choose a diplomat of your mission, or give a new person's e-mail address, "
                    "first name and last name."
                )
            )
        return data
