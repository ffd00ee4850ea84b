"""The demo site for the tests that ask for it (the `seeded` fixture), seeded once per worker and copied back after.

`seed_demo` saves about 130 pages, revisions and records through Wagtail, indexing each for search and references:
5-8 seconds, and about 90 tests per database ask for it. Each of those tests starts from the same database (the test
transaction is rolled back) and would build the same rows again. So a real seed in a worker process records the
rows of every table before and after seeding; a later test that finds the database exactly as it was before that
seed gets the changed tables' rows written back instead, in one transaction (a few hundred INSERTs: well under a
second).

It seeds for real, and records a copy, whenever no copy is sure to equal a real seed:
- any table holds something other than what it held before the recorded seed (a fixture that made a user first,
  a transactional test that flushed the database);
- a file the seed wrote to the media folders is gone (a test deleted an image) or the folders moved;
- the copy was made on another day in WIB or more than COPY_KEEPS_SECONDS ago: the demo dates its events,
  deadlines and requests from the day it is seeded (e.g. events/demo.py, ppid/demo.py).
Random values (registration codes, tokens, file names) are then those of the recorded seed, which no test can tell.
TEST_DEMO_COPY=0 in the environment seeds for real every time (to rule the copy out when a test puzzles you).
"""

import os
import time
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.utils import timezone

COPY_KEEPS_SECONDS = 600
# A few starting points, each with its copy: most tests start from the migrated database, some from one a fixture
# added to first (a user, a page); keeping a few copies, the odd one does not evict the common one.
KEEP_COPIES = 3

_COPIES = {}  # database alias -> [DemoCopy], the most recently used last


@dataclass
class DemoCopy:
    day: object
    taken: float
    media_roots: tuple
    files: frozenset
    before: dict  # table -> its rows before seeding, in a canonical order
    seeded: dict  # changed table -> its rows after seeding, in that order
    after: dict  # changed table -> what to write back (rows, or COPY data)

    def usable(self, media_roots):
        return (
            self.day == timezone.localdate()
            and time.monotonic() - self.taken < COPY_KEEPS_SECONDS
            and self.media_roots == media_roots
            and all(os.path.exists(path) for path in self.files)
        )


def seed(using="default"):
    """Give the test database the demo site: from the worker's copy when it is sure to be equal, else for real."""
    connection = connections[using]
    media_roots = (str(settings.MEDIA_ROOT), str(settings.PRIVATE_MEDIA_ROOT))
    copies = _COPIES.setdefault(using, [])
    copies[:] = [copy for copy in copies if copy.usable(media_roots)]
    tables = _tables(connection)
    before = _read(connection, tables)
    for copy in copies:
        if copy.before == before and os.environ.get("TEST_DEMO_COPY", "1") != "0":
            _write_back(connection, copy.after)
            copies.remove(copy)
            copies.append(copy)  # the newest last
            return "copied"

    files_before = _files(media_roots)
    taken = time.monotonic()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    raw_after = _read(connection, tables, raw=True)
    seeded = {table: _canonical(connection, rows) for table, rows in raw_after.items()}
    changed = [table for table in tables if seeded[table] != before[table]]
    refilled = _kept_by_the_database(connection)
    copies.append(
        DemoCopy(
            day=timezone.localdate(),
            taken=taken,
            media_roots=media_roots,
            files=frozenset(_files(media_roots) - files_before),
            before=before,
            seeded={table: seeded[table] for table in changed},
            after={table: raw_after[table] for table in changed if table not in refilled},
        )
    )
    del copies[:-KEEP_COPIES]
    return "seeded"


def _tables(connection):
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _kept_by_the_database(connection):
    """Tables the database fills itself: SQLite's full-text table of modelsearch is written by triggers on
    modelsearch_indexentry (modelsearch/migrations/0002_customise_indexentry.py), and cannot take a DELETE of its
    rowid-less copy."""
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        return {name for (name,) in cursor.fetchall()}


def _read(connection, tables, raw=False):
    """Every row of each table: what to write back (raw) or, for comparing, in an order that does not depend on
    where the database keeps the row."""
    quote = connection.ops.quote_name
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    rows = b"".join(bytes(chunk) for chunk in copy)
            else:
                # `+column` is SQLite's no-op operator: the value comes back as stored (text, integer, real, blob),
                # not through the converters Django registers for date, time, decimal and bool columns
                # (django/db/backends/sqlite3/base.py), so it goes back in exactly as it was.
                cursor.execute(f"PRAGMA table_info({quote(table)})")
                columns = tuple(row[1] for row in cursor.fetchall())
                as_stored = ", ".join(f"+{quote(column)} AS {quote(column)}" for column in columns)
                cursor.execute(f"SELECT {as_stored} FROM {quote(table)}")
                rows = (columns, cursor.fetchall())
            found[table] = rows if raw else _canonical(connection, rows)
    return found


def _canonical(connection, rows):
    if connection.vendor == "postgresql":
        # COPY's text format writes one line per row (a newline inside a value is written as \n).
        return sorted(rows.split(b"\n"))
    columns, values = rows
    return columns, sorted(values, key=repr)


def _write_back(connection, after):
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Foreign keys are checked at commit (Django creates them DEFERRABLE INITIALLY DEFERRED), by which time
        # every table holds the rows of the recorded seed again.
        for table in after:
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, rows in after.items():
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    copy.write(rows)
            else:
                columns, values = rows
                if values:
                    names = ", ".join(quote(column) for column in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values)
        if connection.vendor == "postgresql":
            # Rows came back with their ids; the next id a test saves must come after them.
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in after]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


def _files(roots):
    found = set()
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            found.update(os.path.join(folder, name) for name in names)
    return found


def recorded(using="default"):
    """The copy of the demo site the worker made or used last (None before the first seed)."""
    copies = _COPIES.get(using)
    return copies[-1] if copies else None


def read_database(using="default"):
    """Every table's rows as the copy compares them: {table: rows in a canonical order}."""
    connection = connections[using]
    return _read(connection, _tables(connection))
