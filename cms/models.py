"""The curriculum as Wagtail pages: Home → Programme → Module (or seminar) → Lesson.

Content pages know nothing of cycles or enrollments; the courses app reads them.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, LessonBodyBlock
from .generation import CURRICULUM
from .routing import route_curriculum
from .translation import canonical, language_of, live_translations, reading_version


class ReadInLearnersLanguage:
    """A curriculum page has one URL, in the default locale's tree; serving it renders the
    reader's language version (its live translation, else English). Links to a translation
    lead to that one URL, so a translated slug never makes a second address."""

    def serve(self, request, *args, **kwargs):
        shown = reading_version(self, request)
        return super(ReadInLearnersLanguage, shown).serve(request, *args, **kwargs)

    def get_url_parts(self, request=None):
        base = canonical(self)
        if base.pk != self.pk:
            return base.get_url_parts(request)
        return super().get_url_parts(request)


def _language(request) -> str | None:
    return getattr(request, "LANGUAGE_CODE", None)


class HomePage(Page):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ProgrammePage"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # Every URL routes through the default locale's tree (Wagtail would otherwise route a
        # French reader through the French tree and 404 on any page not translated yet);
        # the page then serves the reader's language version itself.
        base = canonical(self)
        if base.pk != self.pk:
            return base.route(request, path_components)
        found = route_curriculum(self, path_components) if path_components else None
        return found or super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = live_translations(
            ProgrammePage.objects.child_of(canonical(self)).live().specific(), _language(request)
        )
        return context


class ProgrammePageForm(WagtailAdminPageForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages in which the programme is taught."),
    )


class ProgrammePage(ReadInLearnersLanguage, Page):
    short_title = models.CharField(
        _("short title"), max_length=40, help_text=_("For example PATIT.")
    )
    intro = models.TextField(_("introduction"), help_text=_("One or two sentences."))
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    audience = models.TextField(_("audience"), help_text=_("Who the programme is for."))
    languages = models.JSONField(_("languages"), default=list)

    base_form_class = ProgrammePageForm
    content_panels = Page.content_panels + [
        FieldPanel("short_title"),
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("audience"),
        FieldPanel("languages"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ModulePage"]

    class Meta:
        verbose_name = _("programme")

    def modules(self):
        """The live modules and seminar, in the order they are taken."""
        return ModulePage.objects.child_of(self).live().order_by("number")

    def language_names(self) -> list[str]:
        names = dict(settings.LANGUAGES)
        return [str(names[code]) for code in self.languages if code in names]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        base = canonical(self)
        modules = list(base.modules())
        lessons = LessonPage.objects.live().descendant_of(base).order_by("path")
        by_parent: dict[str, list] = {}
        for lesson in lessons.only(
            "id", "title", "path", "depth", "url_path", "slug", "locale", "translation_key"
        ):
            by_parent.setdefault(lesson.path[: -Page.steplen], []).append(lesson)
        # Two queries for every translation on the page, whatever the number of lessons.
        outlines = [by_parent.get(module.path, []) for module in modules]
        shown = live_translations(modules, _language(request))
        lessons_shown = iter(
            live_translations(
                [lesson for outline in outlines for lesson in outline], _language(request)
            )
        )
        for version, outline in zip(shown, outlines, strict=True):
            version.outline = [next(lessons_shown) for _ in outline]
        context["modules"] = shown
        context["breadcrumbs"] = live_translations([base.get_parent()], _language(request))
        return context


class ModulePageForm(WagtailAdminPageForm):
    def clean_number(self):
        number = self.cleaned_data["number"]
        parent = self.parent_page
        siblings = ModulePage.objects.child_of(parent).filter(number=number)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        if siblings.exists():
            raise ValidationError(_("Another module of this programme already has this number."))
        return number


def module_label(*, kind: str, number: int) -> str:
    """ "Seminar" or "Module N", in the active language (outlines call it without a page)."""
    if kind == ModulePage.Kind.SEMINAR:
        return str(_("Seminar"))
    return str(_("Module %(number)s") % {"number": number})


class ModulePage(ReadInLearnersLanguage, Page):
    class Kind(models.TextChoices):
        MODULE = "module", _("Module")
        SEMINAR = "seminar", _("Seminar")

    class Delivery(models.TextChoices):
        ELEARNING = "elearning", _("E-learning")
        IN_PERSON = "in_person", _("In person")

    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Modules are taken in this order; module 2 opens after 1.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MODULE)
    summary = models.TextField(_("summary"))
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome")))],
        blank=True,
        verbose_name=_("learning outcomes"),
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=4, decimal_places=1, default=4
    )
    delivery = models.CharField(
        _("delivery"), max_length=16, choices=Delivery.choices, default=Delivery.ELEARNING
    )

    base_form_class = ModulePageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("kind"), FieldPanel("delivery")],
            heading=_("Place in the programme"),
        ),
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("estimated_hours"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["cms.ProgrammePage"]
    subpage_types = ["cms.LessonPage"]

    class Meta:
        verbose_name = _("module")

    @property
    def is_seminar(self) -> bool:
        return self.kind == self.Kind.SEMINAR

    def label(self) -> str:
        return module_label(kind=self.kind, number=self.number)

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def live_lessons(self) -> list["LessonPage"]:
        """The live lessons, light (what an outline and the pager show), from the shared
        cache until a page changes (`cms/generation.py`)."""
        fields = ("id", "title", "summary", "url_path", "path", "locale", "translation_key")
        return CURRICULUM.cached(f"lessons:{self.pk}", lambda: list(self.lessons().only(*fields)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        base = canonical(self)
        language = _language(request)
        programme = base.get_parent().specific
        home, context["programme"] = live_translations(
            [programme.get_parent(), programme], language
        )
        context["lessons"] = live_translations(base.live_lessons(), language)
        context["breadcrumbs"] = [home, context["programme"]]
        return context


class LessonPage(ReadInLearnersLanguage, Page):
    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=20)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("cjk_text"),  # Chinese words found inside sentences (cms/cjk.py)
    ]
    parent_page_types = ["cms.ModulePage"]

    def cjk_text(self) -> str:
        """The title, summary and body's text with CJK characters spaced, for the search
        index: the database backend splits words at spaces only (cms/cjk.py)."""
        from .cjk import spaced

        # The blocks' own searchable text (as the `body` field is indexed): rendering the
        # body would need a request's context (a knowledge check's form, for one).
        body = self.body.stream_block.get_searchable_content(self.body)
        return spaced(" ".join([self.title, self.summary or "", *body]))

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = _language(request)
        module = canonical(self).get_parent().specific
        siblings = live_translations(module.live_lessons(), language)
        index_of = next(
            (i for i, s in enumerate(siblings) if s.translation_key == self.translation_key), 0
        )
        programme = module.get_parent().specific
        home, programme, module = live_translations(
            [programme.get_parent(), programme, module], language
        )
        context.update(
            breadcrumbs=[home, programme, module],
            content_lang=language_of(self),
            module=module,
            programme=programme,
            siblings=siblings,
            previous_lesson=siblings[index_of - 1] if index_of > 0 else None,
            next_lesson=siblings[index_of + 1] if index_of + 1 < len(siblings) else None,
        )
        return context


# Names of things that are not pages (a cycle's title, a seminar session's title and venue),
# by the app label, model and field: what `ContentTranslation` may translate.
TRANSLATABLE_NAMES: dict[str, tuple[str, ...]] = {
    "courses.cycle": ("title",),
    "seminars.seminarsession": ("title", "venue"),
    # "question:<block id>": one question of the form's StreamField, by its block id.
    "evaluations.evaluationform": ("title", "question:*"),
}


def is_translatable(label: str, field: str) -> bool:
    """Whether `field` of the model `label` ("app.model") may be translated."""
    for allowed in TRANSLATABLE_NAMES.get(label, ()):
        if allowed.endswith("*"):
            if field.startswith(allowed[:-1]) and len(field) > len(allowed) - 1:
                return True
        elif field == allowed:
            return True
    return False


def _one_line(value: str) -> None:
    if any(character in value for character in "\r\n\x00\u2028\u2029"):
        raise ValidationError(_("A name is one line: remove the line breaks."))


class ContentTranslation(models.Model):
    """The name of a cycle or seminar session in one language, written by an administrator.

    Pages are translated as pages (decision 0005); these rows do the same for the names of
    rows, read through one selector (`cms.content_names`), English (the row's own field)
    wherever none is written. One table for every model, one row per language: the list
    of languages is `settings.LANGUAGES`, never a column per language."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind")
    )
    object_id = models.PositiveIntegerField(_("object id"))
    field = models.CharField(_("field"), max_length=80)
    language = models.CharField(_("language"), max_length=10)
    text = models.CharField(_("text"), max_length=255, validators=[_one_line])

    class Meta:
        verbose_name = _("content translation")
        verbose_name_plural = _("content translations")
        ordering = ["content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_content_translation_per_language",
                violation_error_message=_("This name already has a translation in this language."),
            ),
        ]

    def __str__(self):
        return f"{self.field} [{self.language}]: {self.text}"

    def clean(self):
        errors = {}
        codes = [code for code, _name in settings.LANGUAGES]
        if self.language not in codes or self.language == settings.LANGUAGE_CODE:
            errors["language"] = _("Choose one of the site's other languages.")
        if self.content_type_id:
            label = f"{self.content_type.app_label}.{self.content_type.model}"
            if not is_translatable(label, self.field):
                errors["field"] = _("This field cannot be translated here.")
            elif self.object_id is not None and not (
                self.content_type.model_class()._default_manager.filter(pk=self.object_id).exists()
            ):
                errors["object_id"] = _("No such object.")
        if self.text != self.text.strip():
            self.text = self.text.strip()
        if errors:
            raise ValidationError(errors)
