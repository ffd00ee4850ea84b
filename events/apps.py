from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from events import notices
        from events.models import EventPage

        # Registrants hear of a changed or cancelled event when the change is published (events/notices.py).
        page_published.connect(notices.on_page_published, sender=EventPage, dispatch_uid="events-schedule-notices")
