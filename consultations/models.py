"""Events, registrations, consultations and feedback: models arrive with their issues."""
