"""Models of the consultations app, one module per domain so the app stays readable as it grows:

- builtforms.py: editor-built forms (django-forms-builder inside the Wagtail admin), shared by events and
  consultations; the logic is in consultations/formbuilder.py
- events.py: event pages, registrations, seats and waitlist
- consultation.py: consultation pages and responses
- feedback.py: saran dan pengaduan (feedback and complaints), topics, routing

Import every model here so Django finds it.
"""

from .builtforms import BuiltForm, BuiltFormField, FieldKind, SubmissionMixin  # noqa: F401
from .consultation import (  # noqa: F401
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
)
from .events import (  # noqa: F401
    CodeSequence,
    EventAttendanceCount,
    EventCategory,
    EventIndexPage,
    EventKind,
    EventPage,
    EventSpeaker,
    EventStatus,
    ParticipantCategory,
    Registration,
    SeatPool,
    Speaker,
)
from .feedback import (  # noqa: F401
    Feedback,
    FeedbackEvent,
    FeedbackSettings,
    FeedbackTopic,
    Holiday,
    TrackingSequence,
    parse_addresses,
)
from .feedback_page import FeedbackPage  # noqa: F401
