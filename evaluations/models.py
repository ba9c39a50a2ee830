"""End-of-cycle evaluations: a form per programme (a Wagtail snippet of rating and
free-text questions), anonymous answers, and a separate record of who has answered.

Anonymity is in the schema: an `EvaluationResponse` has no learner, no enrollment and only
the day it was given (a timestamp could be matched with `EvaluationDone`); `EvaluationDone`
says who answered (to refuse a second answer) and nothing of what."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from cms import content_names


class QuestionBlocks(blocks.StreamBlock):
    rating = blocks.CharBlock(label=_("Rating question (1 to 5)"), max_length=300)
    text = blocks.CharBlock(label=_("Free-text question"), max_length=300)


class EvaluationForm(models.Model):
    programme = models.OneToOneField(
        "cms.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="evaluation_form",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    questions = StreamField(QuestionBlocks(), verbose_name=_("questions"))

    panels = [FieldPanel("programme"), FieldPanel("title"), FieldPanel("questions")]

    class Meta:
        verbose_name = _("evaluation form")
        verbose_name_plural = _("evaluation forms")

    def __str__(self):
        return self.title

    def question_list(self) -> list[dict]:
        return [
            {
                "id": block.id,
                "kind": block.block_type,
                # In the active language where an administrator translated it (decision 0016).
                "text": content_names.evaluation_question(self, block.id, str(block.value)),
            }
            for block in self.questions
        ]


class EvaluationResponse(models.Model):
    """One anonymous set of answers: {question block id: 1-5 or text}."""

    form = models.ForeignKey(EvaluationForm, on_delete=models.PROTECT, related_name="responses")
    cycle = models.ForeignKey(
        "courses.Cycle",
        on_delete=models.PROTECT,
        related_name="evaluation_responses",
        verbose_name=_("cycle"),
    )
    answers = models.JSONField(_("answers"), default=dict)
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self):
        return f"{self.cycle_id} · {self.submitted_on}"


class EvaluationDone(models.Model):
    """That an enrollment has answered (never what)."""

    enrollment = models.OneToOneField(
        "courses.Enrollment", on_delete=models.CASCADE, related_name="evaluation_done"
    )

    class Meta:
        verbose_name = _("evaluation answered")
        verbose_name_plural = _("evaluations answered")

    def __str__(self):
        return str(self.enrollment_id)
