from django.contrib import messages
from django.db import models
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from home import cache as page_cache


@register_snippet
class Notice(models.Model):
    """Stands for any snippet a feature app shows on pages (a banner, a category, a contact)."""

    text = models.CharField(max_length=200)

    def __str__(self):
        return self.text


class ProbePage(Page):
    """Renders the notices, and in some modes does what real pages do that makes a response one visitor's own."""

    MODES = ["plain", "form", "message", "session", "dont_cache"]
    mode = models.CharField(max_length=20, default="plain", choices=[(m, m) for m in MODES])

    parent_page_types = ["home.HomePage"]
    template = "cacheprobe/probe_page.html"

    def serve(self, request, *args, **kwargs):
        if self.mode == "message":
            messages.info(request, "Terima kasih, data Anda tersimpan.")
        elif self.mode == "session":
            request.session["visited"] = True
        elif self.mode == "dont_cache":
            page_cache.dont_cache(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = Notice.objects.order_by("pk")
        context["posted"] = request.POST.get("nama", "") if request.method == "POST" else ""
        return context


class PrivateProbePage(ProbePage):
    """A page type that shows personal data: its class says so."""

    public_cache = False
    template = "cacheprobe/probe_page.html"
