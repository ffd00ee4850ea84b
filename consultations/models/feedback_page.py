"""The public Saran dan Pengaduan page: the form, the confirmation after the redirect, and the status pages.

One page of this type sits under the home page; editors write its introduction and the "other ways to reach us"
text, the routes below do the rest:

    /saran-dan-pengaduan/                      the form (GET) and its submission (POST → redirect)
    /saran-dan-pengaduan/terkirim/             the tracking code (and, once, the secret)
    /saran-dan-pengaduan/status/               code + e-mail or secret (POST → redirect)
    /saran-dan-pengaduan/status/<code>/        status history and public answer, for whoever proved it above
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField

from home.blocks import RICHTEXT_FEATURES, BaseStreamBlock
from home.models import BasePage

RECEIPT_SESSION_KEY = "feedback_receipt"
STATUS_SESSION_KEY = "feedback_status_codes"

# Per-IP limits stay generous: a campus or an office shares one address (50 students in a minute must get
# through). Per-address and per-code limits are where abuse is stopped.
SUBMIT_LIMITS = (("feedback-ip-minute", 60, 60), ("feedback-ip-hour", 400, 3600))
EMAIL_LIMIT = ("feedback-email", 5, 3600)
LOOKUP_LIMITS = (("feedback-status-ip", 60, 600),)
LOOKUP_FAILURES_PER_CODE = ("feedback-status-code", 10, 3600)


class FeedbackPage(RoutablePageMixin, BasePage):
    intro = RichTextField(
        gettext_lazy("introduction"),
        features=RICHTEXT_FEATURES,
        blank=True,
        help_text=gettext_lazy("What citizens can send here and what happens next, in two or three sentences."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=gettext_lazy("other ways to reach us"),
        blank=True,
        help_text=gettext_lazy("Shown under the form: office address, phone, LAPOR!, frequently asked questions."),
    )

    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = gettext_lazy("feedback page")

    def status_lookup_url(self):
        return self.url.rstrip("/") + "/status/" if self.url else ""

    def status_lookup_full_url(self, request=None):
        return self.get_full_url(request).rstrip("/") + "/status/"

    # The form ---------------------------------------------------------------------------------------------------
    @path("")
    def form_view(self, request):
        from consultations import feedback_views

        return feedback_views.feedback_form(request, self)

    @path("terkirim/")
    def confirmation_view(self, request):
        from consultations import feedback_views

        return feedback_views.confirmation(request, self)

    @path("status/")
    def status_lookup_view(self, request):
        from consultations import feedback_views

        return feedback_views.status_lookup(request, self)

    @path("status/<str:code>/")
    def status_view(self, request, code):
        from consultations import feedback_views

        return feedback_views.status(request, self, code)

    def render_route(self, request, template, context, status=200, private=False):
        context = {**self.get_context(request), **context}
        response = TemplateResponse(request, template, context, status=status)
        if private:
            add_never_cache_headers(response)
        return response

    def redirect_to(self, suffix=""):
        return redirect(self.url.rstrip("/") + "/" + suffix)
