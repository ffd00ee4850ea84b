"""Wagtail hooks of the consultations app; each area keeps its own module."""

from consultations import consultation_hooks, editor_hooks, event_hooks, feedback_hooks  # noqa: F401
