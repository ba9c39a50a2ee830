"""StreamField blocks for lesson bodies."""

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
    video = EmbedBlock(help_text=_("A link to the video (e.g. on UN Web TV or YouTube)."))
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


class LessonBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
