"""Demo content of the consultations app; each area seeds from its own module."""

from consultations.demo_consultations import seed_consultations
from consultations.demo_events import seed_events
from consultations.demo_feedback import seed_feedback


def seed(seeder):
    seed_events(seeder)
    seed_feedback(seeder)
    seed_consultations(seeder)
