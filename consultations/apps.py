from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Public consultations")

    def ready(self):
        # The signal, not the admin's after_publish_page hook: scheduled publishing (publish_scheduled) sends it too.
        from wagtail.signals import page_published

        from consultations.mail import on_page_published
        from consultations.models import ConsultationPage

        page_published.connect(on_page_published, sender=ConsultationPage, dispatch_uid="consultation-outcome-mail")
