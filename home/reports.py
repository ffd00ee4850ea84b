"""Reports and public statistics: one shape for every table of numbers the site shows, and the hook that gathers
the public ones.

A `Report` is a chart (home/charts.py), table headers and rows, and an optional footer row. The editors' reports
(desk/reports.py), the public "Data dan Statistik" page and the open-data API all show `Report`s, so the chart, the
table, the CSV and the spreadsheet of one set of numbers always agree.

Public statistics come from the feature apps through the Wagtail hook `register_open_statistics` (the shared
platform imports no feature app): each registered function takes `today` (a date in the site's zone) and returns a
list of `Report`s computed from the records, counting only what anyone may see — never a name, an address or a
cell small enough to point at one person. See docs/opendata.md.
"""

from dataclasses import dataclass, field

from wagtail import hooks

OPEN_STATISTICS_HOOK = "register_open_statistics"


@dataclass
class Report:
    key: str
    title: str
    intro: str
    chart: object
    headers: list
    rows: list
    footer: list = field(default_factory=list)

    def table(self):
        """Headers and rows as the spreadsheet gets them (the footer is the last row)."""
        return self.headers, [*self.rows, *([self.footer] if self.footer else [])]


def open_statistics(today):
    """Every public statistic, in hook order: a list of `Report`s with unique keys."""
    reports = []
    for build in hooks.get_hooks(OPEN_STATISTICS_HOOK):
        reports.extend(build(today))
    keys = [report.key for report in reports]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"Two public statistics share the key(s) {', '.join(duplicates)}")
    return reports
