"""Admin screens of the curriculum: which pages still lack a translation."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .models import ProgrammePage
from .translation import default_locale, translation_status


class TranslationReport(WagtailAdminTemplateMixin, TemplateView):
    """Every page of each programme in the default locale (programme, modules, lessons), with
    the state of its translation in each other language: live, draft or missing. A learner
    reads English wherever it is not live."""

    page_title = _("Translations")
    header_icon = "globe"
    template_name = "cms/admin/translations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locale = default_locale()
        programmes = ProgrammePage.objects.filter(locale=locale).order_by("path")
        pages = []
        for programme in programmes:
            pages.append(programme)
            pages.extend(Page.objects.descendant_of(programme).order_by("path").specific())
        status = translation_status(pages)
        languages = [
            (code, name) for code, name in settings.LANGUAGES if code != locale.language_code
        ]
        context.update(
            languages=languages,
            rows=[
                {
                    "page": page,
                    "indent": page.depth - pages[0].depth if pages else 0,
                    "states": [
                        (code, status[page.pk].get(code, "missing")) for code, _ in languages
                    ],
                }
                for page in pages
            ],
        )
        return context
