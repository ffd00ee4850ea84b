"""Public URLs of the consultations app that are not Wagtail pages (feeds, downloads, form endpoints)."""

from django.urls import path

from events import views
from home import converters as _converters  # noqa: F401 (registers <rowid:...>)

urlpatterns = [
    # Calendars: every public event, and one event ("Tambah ke kalender").
    path("agenda.ics", views.calendar_feed, name="event_calendar_feed"),
    path("kegiatan/<rowid:event_id>.ics", views.event_calendar, name="event_calendar"),
    # The page right after registering (signed, short-lived, so a refresh shows it again and nothing else).
    path("pendaftaran-kegiatan/diterima/<str:ref>/", views.registered, name="event_registered"),
    # The mailed link that confirms a held seat (signed; only ever sent by mail).
    path("pendaftaran-kegiatan/konfirmasi/<str:token>/", views.confirm_registration, name="event_confirm_registration"),
    # The link in the participant's mail: view or cancel a registration (signed, expiring).
    path("pendaftaran-kegiatan/<str:token>/", views.manage_registration, name="event_manage_registration"),
    # Attendance certificates: the participant's PDF (same signed link) and its public verification page.
    path("pendaftaran-kegiatan/<str:token>/sertifikat.pdf", views.certificate, name="event_certificate"),
    path("sertifikat/<str:code>/", views.verify_certificate, name="event_certificate_verify"),
]
