"""Models of the consultations app, one module per domain so the app stays readable as it grows:

- events.py: event pages, registrations, seats and waitlist
- consultation.py: consultation pages and responses
- feedback.py: saran dan pengaduan (feedback and complaints), topics, routing

Import every model here so Django finds it.
"""

from .consultation import (  # noqa: F401
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
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
