"""StreamField blocks shared by every page type.

Domain apps (news, consultations) import these and add their own blocks next to them; a block's template lives in
`templates/components/streamfield/blocks/<name>.html` and receives `value`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text stays simple on purpose: no colours, no embeds, headings come from HeadingBlock.
RICHTEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "hr"]

BLOCK_TEMPLATE = "components/streamfield/blocks/{}.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("A short heading that says what the section is about.")
    )
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        help_text=_("Use h2 for main sections and h3 inside them; never skip a level."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = BLOCK_TEMPLATE.format("heading")


class ImageBlock(blocks.StructBlock):
    """An image that always says what it shows, unless the editor marks it decorative."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it, e.g. 'Peserta FGD berdiskusi di "
            "Palangka Raya'. Leave empty only when the image is decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative image"),
        required=False,
        help_text=_("Tick only if the image adds no information; screen readers will then skip it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=120,
        help_text=_("Who took or owns the image, e.g. 'Humas Kesbangpol'."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Write an alternative text, or tick 'Decorative image' if the image adds no information.")
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = BLOCK_TEMPLATE.format("image")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("What the reader gets, e.g. 'Formulir permohonan SKT'. Defaults to the document title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = BLOCK_TEMPLATE.format("document_link")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), help_text=_("The words exactly as they were said or written."))
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=200,
        help_text=_("Name and position, e.g. 'Kepala Badan Kesbangpol'."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = BLOCK_TEMPLATE.format("quote")


class OneLinkMixin:
    """For blocks with a `page` and an `external_url`: exactly one of the two must be given."""

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose either a page on this site or an external address."))}
            )
        return value


class CallToActionBlock(OneLinkMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, help_text=_("One or two sentences: why act now."))
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    external_url = blocks.URLBlock(label=_("Or an external address"), required=False)
    link_text = blocks.CharBlock(
        label=_("Button text"), max_length=60, help_text=_("A verb that says what happens, e.g. 'Daftar FGD'.")
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = BLOCK_TEMPLATE.format("call_to_action")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICHTEXT_FEATURES)


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("FAQ / accordion")
        template = BLOCK_TEMPLATE.format("faq")


class QuickLinkBlock(OneLinkMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=160)
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    external_url = blocks.URLBlock(label=_("Or an external address"), required=False)

    class Meta:
        icon = "link"
        label = _("Quick link")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICHTEXT_FEATURES,
        template=BLOCK_TEMPLATE.format("paragraph"),
        help_text=_("Short paragraphs and plain words read best on a phone."),
    )
    image = ImageBlock()
    document = DocumentLinkBlock()
    quote = QuoteBlock()
    table = TableBlock(
        label=_("Table"),
        template=BLOCK_TEMPLATE.format("table"),
        table_options={"contextMenu": ["row_above", "row_below", "col_left", "col_right", "remove_row", "remove_col"]},
    )
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
