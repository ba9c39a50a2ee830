"""Admin screen: administrators write the names of cycles and seminar sessions in the
site's other languages (`ContentTranslation`, read through `cms.content_names`)."""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from .models import TRANSLATABLE_NAMES, ContentTranslation


def _kinds() -> Q:
    wanted = Q(pk__in=[])
    for label in TRANSLATABLE_NAMES:
        app_label, model = label.split(".")
        wanted |= Q(app_label=app_label, model=model)
    return wanted


class ContentTranslationForm(WagtailAdminModelForm):
    field = forms.CharField(
        label=_("field"),
        help_text=_("title or venue; question:<block id> for one question of an evaluation form"),
    )
    language = forms.ChoiceField(label=_("language"))

    class Meta:
        model = ContentTranslation
        fields = ["content_type", "object_id", "field", "language", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_type"].queryset = ContentType.objects.filter(_kinds())
        # The site's languages, whatever their number: never a list written here.
        self.fields["language"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        ]


class ContentTranslationViewSet(ModelViewSet):
    model = ContentTranslation
    form_class = ContentTranslationForm
    form_fields = ["content_type", "object_id", "field", "language", "text"]
    icon = "globe"
    menu_label = _("Name translations")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["content_type", "object_id", "field", "language", "text"]
    list_filter = ["language", "field"]
    search_fields = ["text"]
