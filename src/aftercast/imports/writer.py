"""Writing many new observations fast: plain executemany, batch by batch, never the whole file.

A key that repeats within the same file updates the row it already wrote (ON CONFLICT on the
partial unique indexes), so a file is never doubled, even inside itself.
"""

from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from aftercast.metrics.models import Observation

COLUMNS = [
    "workspace_id",
    "created_at",
    "updated_at",
    "partnership_id",
    "deliverable_id",
    "observed_on",
    "metric",
    "value",
    "currency",
    "source_import_id",
]


def _sql(for_posts: bool) -> str:
    quote = connection.ops.quote_name
    table = quote(Observation._meta.db_table)
    key = "deliverable_id" if for_posts else "partnership_id"
    condition = "IS NOT NULL" if for_posts else "IS NULL"
    marks = ", ".join(["%s"] * len(COLUMNS))
    return (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in COLUMNS)}) VALUES ({marks}) "
        f"ON CONFLICT ({quote(key)}, {quote('observed_on')}, {quote('metric')}) "
        f"WHERE {quote('deliverable_id')} {condition} "
        f"DO UPDATE SET {quote('value')} = excluded.{quote('value')}, "
        f"{quote('updated_at')} = excluded.{quote('updated_at')}"
    )


@contextmanager
def _prepared_cursor():
    """A cursor whose statement the server parses and plans once for the whole batch.

    Django's PostgreSQL connection inlines values client-side and never prepares, so each of
    a million rows would be a new statement to parse and plan (3x slower than the driver).
    psycopg's own cursor on the same connection and transaction binds values apart and, with
    the threshold at 0, prepares the statement at once."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    import psycopg

    connection.ensure_connection()
    raw = connection.connection
    threshold, raw.prepare_threshold = raw.prepare_threshold, 0
    try:
        with psycopg.Cursor(raw) as cursor:
            yield cursor
    finally:
        raw.prepare_threshold = threshold


class ObservationWriter:
    def __init__(self, *, workspace_id: int, run_id: int, batch: int = 5_000):
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.head = (workspace_id, now, now)
        self.run_id = run_id
        self.batch = batch
        self.rows: dict[bool, list[tuple]] = {True: [], False: []}
        self.sql = {True: _sql(True), False: _sql(False)}
        self.written = 0

    def add(self, partnership_id, deliverable_id, day: str, metric: str, value, currency: str):
        """Queue one value; `day` and `value` already adapted for the database."""
        for_posts = deliverable_id is not None
        self.rows[for_posts].append(
            (*self.head, partnership_id, deliverable_id, day, metric, value, currency, self.run_id)
        )
        if len(self.rows[for_posts]) >= self.batch:
            self._flush(for_posts)

    def _flush(self, for_posts: bool) -> None:
        rows = self.rows[for_posts]
        if rows:
            with _prepared_cursor() as cursor:
                cursor.executemany(self.sql[for_posts], rows)
            self.written += len(rows)
            self.rows[for_posts] = []

    def close(self) -> int:
        self._flush(True)
        self._flush(False)
        return self.written
