"""Demo content of the consultations app; each domain seeds itself from its own module."""

from consultations.demo_events import seed_events


def seed(seeder):
    seed_events(seeder)
