"""Blocks of the guidance pages (Panduan): steps, document checklists, legal basis, leaving-the-site services.

They extend the shared `home.blocks.BaseStreamBlock`; templates are in templates/components/streamfield/blocks/.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from home.blocks import BLOCK_TEMPLATE, RICHTEXT_FEATURES, BaseStreamBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Step"), max_length=160, help_text=_("Start with a verb, e.g. 'Siapkan akta pendirian'.")
    )
    text = blocks.RichTextBlock(label=_("Details"), features=RICHTEXT_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = BLOCK_TEMPLATE.format("steps")


class ChecklistItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Document"), max_length=200, help_text=_("e.g. 'Akta pendirian dari notaris'."))
    note = blocks.TextBlock(
        label=_("Note"),
        required=False,
        help_text=_("What the document must show, who signs it, how many copies."),
    )
    template_document = DocumentChooserBlock(
        label=_("Template to download"),
        required=False,
        help_text=_("Optional: an example or a form from the document library."),
    )


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(ChecklistItemBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Document checklist")
        template = BLOCK_TEMPLATE.format("checklist")


class LegalReferenceBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Regulation"),
        max_length=250,
        help_text=_(
            "The full name, e.g. 'Undang-Undang Nomor 17 Tahun 2013 tentang Organisasi Kemasyarakatan'. Cite only "
            "what you have checked."
        ),
    )
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=250,
        help_text=_("e.g. 'sebagaimana telah diubah dengan Undang-Undang Nomor 16 Tahun 2017'."),
    )
    url = blocks.URLBlock(
        label=_("Official text online"), required=False, help_text=_("e.g. the page on peraturan.bpk.go.id.")
    )
    document = DocumentChooserBlock(label=_("Or a copy in the document library"), required=False)


class LegalBasisBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120, default="Dasar hukum")
    references = blocks.ListBlock(LegalReferenceBlock(), label=_("Regulations"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Legal basis")
        template = BLOCK_TEMPLATE.format("legal_basis")


class ExternalServiceBlock(blocks.StructBlock):
    """A service on another site (SIOLA): the reader is told plainly they are leaving this site, and where to."""

    service_name = blocks.CharBlock(label=_("Service"), max_length=80, default="SIOLA")
    description = blocks.TextBlock(
        label=_("What the reader does there"),
        help_text=_("e.g. 'Isi formulir pendaftaran dan unggah berkas ormas Anda.'"),
    )
    url = blocks.URLBlock(
        label=_("Address"),
        required=False,
        help_text=_(
            "Leave empty for SIOLA: the address from the site settings is used, so it is changed in one place."
        ),
    )
    link_text = blocks.CharBlock(label=_("Button text"), max_length=60, default="Buka SIOLA")

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and not value["url"].startswith("https://"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Use a secure address that starts with https://."))}
            )
        return value

    class Meta:
        icon = "link-external"
        label = _("External service (leaves the site)")
        template = BLOCK_TEMPLATE.format("external_service")


class GuidanceStreamBlock(BaseStreamBlock):
    steps = StepsBlock()
    checklist = ChecklistBlock()
    legal_basis = LegalBasisBlock()
    external_service = ExternalServiceBlock()


class ReadinessItemBlock(blocks.StructBlock):
    """One question of the SIOLA readiness self-check."""

    label = blocks.CharBlock(
        label=_("Checkbox text"),
        max_length=200,
        help_text=_("What the group has ready, e.g. 'Akta pendirian dari notaris'."),
    )
    help_text = blocks.CharBlock(label=_("Hint"), required=False, max_length=250)
    if_missing = blocks.RichTextBlock(
        label=_("What to do when it is missing"),
        features=RICHTEXT_FEATURES,
        help_text=_("Shown in the result when the box was not ticked: where to get it, which template to use."),
    )
