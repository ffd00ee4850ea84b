"""Editor-built forms: django-forms-builder's Form and Field, made editable inside the Wagtail admin.

forms_builder's own admin, views and mail are never mounted (docs/security.md, "The form engine"). To let
editors build a form in a Wagtail snippet with an InlinePanel of fields, we extend forms_builder's concrete
models by multi-table inheritance:

- `BuiltForm` *is* a `forms_builder.forms.models.Form` (same primary key) and a modelcluster `ClusterableModel`;
- `BuiltFormField` *is* a `forms_builder.forms.models.Field` with a `ParentalKey` to its `BuiltForm`, so
  Wagtail's InlinePanel can add, order and remove fields. Saving keeps forms_builder's own `form` and `order`
  columns in step, so forms_builder's `FormForForm` builds the form from the very same rows.

Entries stay in forms_builder's `FormEntry`/`FieldEntry`. Domain submissions (an event registration, a
consultation response) inherit `SubmissionMixin` and point at their entry. The rendering, validation, storage
and export live in `builtforms/forms.py`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from forms_builder.forms import fields as fb_fields
from forms_builder.forms.models import Field, Form, FormEntry
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class FieldKind(models.TextChoices):
    """The field types editors may choose. File uploads are left out on purpose (F1, F5, F8 of docs/security.md)."""

    TEXT = "text", _("Single line text")
    TEXTAREA = "textarea", _("Multi-line text")
    EMAIL = "email", _("E-mail address")
    PHONE = "phone", _("Phone / WhatsApp number")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    SELECT = "select", _("Drop-down list")
    RADIO = "radio", _("Choice of one (radio buttons)")
    CHECKBOXES = "checkboxes", _("Choice of several (check boxes)")


# How each kind is stored in forms_builder's `field_type`; phone numbers are text with our own validation.
FIELD_TYPE_FOR_KIND = {
    FieldKind.TEXT: fb_fields.TEXT,
    FieldKind.TEXTAREA: fb_fields.TEXTAREA,
    FieldKind.EMAIL: fb_fields.EMAIL,
    FieldKind.PHONE: fb_fields.TEXT,
    FieldKind.NUMBER: fb_fields.NUMBER,
    FieldKind.DATE: fb_fields.DATE,
    FieldKind.SELECT: fb_fields.SELECT,
    FieldKind.RADIO: fb_fields.RADIO_MULTIPLE,
    FieldKind.CHECKBOXES: fb_fields.CHECKBOX_MULTIPLE,
}
KINDS_WITH_CHOICES = {FieldKind.SELECT, FieldKind.RADIO, FieldKind.CHECKBOXES}


def reject_template_syntax(value):
    """Defaults are plain text. forms_builder would render them as templates with the visitor's context (F3)."""
    if value and any(token in value for token in ("{{", "{%", "{#")):
        raise ValidationError(_("Write the default as plain text; '{{', '{%' and '{#' are not allowed."))


class QuestionForm(WagtailAdminModelForm):
    """The admin form of one question. A new question starts with "Required" unticked, as its help text asks:
    forms_builder's column defaults to True, and Django gives a form without an instance (a new inline row, and the
    template the "Add question" button clones) the model field's default as initial value. Rows already saved
    show what is stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required"].initial = False


class QuestionsPanel(InlinePanel):
    """InlinePanel whose rows use `QuestionForm`: Wagtail's InlinePanel passes the child form class to
    django-modelcluster in the `form` option of its formset (wagtail/admin/panels/inline_panel.py,
    get_form_options), and modelcluster hands that to `childformset_factory`."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = QuestionForm
        return options


class BuiltForm(ClusterableModel, Form):
    """A form an editor builds in the admin (Snippets › Forms) and attaches to a page, e.g. an event."""

    form_ptr = models.OneToOneField(Form, on_delete=models.CASCADE, parent_link=True, primary_key=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "title",
                    help_text=_(
                        "For editors only, e.g. 'Pendaftaran FGD Pilkada Damai 2026'; the public sees the event."
                    ),
                ),
                FieldPanel(
                    "intro",
                    heading=_("Intro"),
                    help_text=_("Optional: one or two sentences shown above the questions, e.g. what to prepare."),
                ),
            ],
            _("Form"),
        ),
        QuestionsPanel(
            "builder_fields",
            label=_("question"),  # Wagtail titles each child "<label> <n>" and the button "Add <label>"
            heading=_("Questions"),
            help_text=_(
                "The page always asks its own questions and consent (an event: name, e-mail, phone, organisation, "
                "participant category; a consultation: the response, topics, optional name and e-mail); add only "
                "the extra questions this form needs."
            ),
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("registration form")
        verbose_name_plural = _("registration forms")

    def save(self, *args, **kwargs):
        # forms_builder's mailer is never used; keep its switches off so nothing could ever act on them (F8).
        self.send_email = False
        self.email_copies = ""
        self.login_required = False
        super().save(*args, **kwargs)


class BuiltFormField(Orderable, Field):
    """One question of a `BuiltForm`; stored in forms_builder's Field table plus this row."""

    field_ptr = models.OneToOneField(Field, on_delete=models.CASCADE, parent_link=True, primary_key=True)
    built_form = ParentalKey(BuiltForm, on_delete=models.CASCADE, related_name="builder_fields")
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=FieldKind.choices,
        default=FieldKind.TEXT,
        help_text=_("The kind of answer: short text, long text, a number, a date, or a choice from a list."),
    )

    # forms_builder's verbose names ("Label", "Required", "Choices", ...) ship in no catalogue, and an Indonesian
    # msgstr for them in our locale/ would be dropped by `make messages` (makemessages keeps only our own msgids).
    # FieldPanel's `heading` replaces the form field's label (Wagtail docs, "Panel types" › FieldPanel › heading),
    # so the labels are our own translated msgids.
    panels = [
        FieldPanel(
            "label",
            heading=_("Question"),
            help_text=_("The question as participants read it, e.g. 'Asal kabupaten/kota'."),
        ),
        FieldPanel("kind"),
        FieldPanel(
            "required",
            heading=_("Required"),
            help_text=_("Tick only if you cannot run the event without this answer."),
        ),
        FieldPanel(
            "choices",
            heading=_("Choices"),
            help_text=_("For lists and choices: the options, separated by commas, e.g. 'Ya, Tidak'."),
        ),
        FieldPanel(
            "help_text",
            heading=_("Help text"),
            help_text=_("Optional hint under the question, e.g. the format you expect."),
        ),
        FieldPanel(
            "default",
            heading=_("Default value"),
            help_text=_("Optional plain-text value that is filled in or chosen beforehand."),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def clean(self):
        super().clean()
        reject_template_syntax(self.default)
        if self.kind in KINDS_WITH_CHOICES and not list(self.get_choices()):
            raise ValidationError({"choices": _("List at least one option, separated by commas.")})

    def save(self, *args, **kwargs):
        # Keep forms_builder's own columns in step with the Wagtail ones, so FormForForm sees the same form.
        self.form_id = self.built_form_id
        self.field_type = FIELD_TYPE_FOR_KIND[self.kind]
        self.order = self.sort_order
        self.visible = True
        self.placeholder_text = None
        super().save(*args, **kwargs)


class SubmissionMixin(models.Model):
    """What every domain submission built on an editor's form stores (see builtforms/forms.py).

    `submission_token` is issued with the empty form and makes a re-sent POST (double click, refresh, client
    retry) find the first submission instead of storing a second one (F6). `entry` holds the answers to the
    editor's extra questions in forms_builder's tables; it is deleted with the submission.
    """

    submission_token = models.UUIDField(_("submission token"), unique=True, editable=False)
    entry = models.OneToOneField(
        FormEntry,
        verbose_name=_("answers"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


@receiver(post_delete)
def delete_answers_with_submission(sender, instance, **kwargs):
    """Answers are personal data: they go when the submission that owns them goes."""
    if isinstance(instance, SubmissionMixin) and instance.entry_id:
        FormEntry.objects.filter(pk=instance.entry_id).delete()
