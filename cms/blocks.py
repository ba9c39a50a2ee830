"""StreamField blocks for lesson bodies."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("What the image shows, for screen readers and slow connections."),
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video that loads only when the learner asks: the page shows its title and length
    as a link (to the provider's page, or "Play here" which embeds it on this page); no
    provider player or script is fetched on page load, nor while the page is rendered."""

    video = EmbedBlock(help_text=_("A link to the video (e.g. on UN Web TV or YouTube)."))
    title = blocks.CharBlock(
        required=False,
        label=_("Title"),
        help_text=_("Shown on the link that plays the video."),
    )
    duration = blocks.CharBlock(
        required=False,
        max_length=20,
        label=_("Duration"),
        help_text=_("For example 12:30."),
    )
    transcript = blocks.RichTextBlock(
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("A transcript serves learners on slow connections and screen readers."),
    )

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("note", _("Note")), ("warning", _("Warning"))],
        default="note",
    )
    title = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = "cms/blocks/callout.html"


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "radio-full"


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Question"))
    choices = blocks.ListBlock(AnswerChoiceBlock(), min_num=2, label=_("Answers"))
    explanation = blocks.TextBlock(
        required=False, help_text=_("Shown after the learner submits their answers.")
    )

    class Meta:
        icon = "help"


class KnowledgeCheckBlock(blocks.StructBlock):
    """Multiple-choice questions graded on the server. The template never shows which
    answer is correct; the courses app grades submissions and records every attempt."""

    title = blocks.CharBlock(default=_("Check your understanding"))
    pass_mark = blocks.IntegerBlock(
        min_value=1, max_value=100, default=70, help_text=_("Percentage needed to pass.")
    )
    questions = blocks.ListBlock(QuestionBlock(), min_num=1)

    class Meta:
        icon = "tasks"
        template = "cms/blocks/knowledge_check.html"

    def clean(self, value):
        value = super().clean(value)
        for question in value["questions"]:
            if not any(choice["correct"] for choice in question["choices"]):
                raise blocks.StructBlockValidationError(
                    block_errors={
                        "questions": ValidationError(
                            _("Mark at least one correct answer in every question.")
                        )
                    }
                )
        return value


class LessonBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    knowledge_check = KnowledgeCheckBlock()
