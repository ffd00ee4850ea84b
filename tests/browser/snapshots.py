"""Snapshots of the fresh test database, per alias (filled by the django_db_setup override in tests/conftest.py)."""

SNAPSHOTS = {}
