"""URL converters of the consultations app."""

from django.urls import register_converter


class RowIdConverter:
    """A row id in a URL: at most 9 digits. Django's `int` takes any length, and a 25-digit id then overflows
    SQLite's integers inside the query (a 500 instead of a 404); no table here comes near 10^9 rows."""

    regex = "[0-9]{1,9}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(RowIdConverter, "rowid")
