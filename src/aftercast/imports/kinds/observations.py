"""Metric values per post (or per creator account) and day: the bulk of every import.

Rows are parsed and checked outside any transaction; each batch then looks up the values it
may replace (so memory follows the batch, not the campaign) and writes in one short
transaction, which other writers interleave with on SQLite.
"""

import datetime as dt
from decimal import Decimal

from django.db import connection, transaction

from aftercast.imports.errors import ImportProblem
from aftercast.imports.kinds.base import (
    Context,
    RowHandler,
    campaign_posts,
    problem_of,
    require_creator_key,
)
from aftercast.imports.lookup import PendingPost, PostDetails
from aftercast.imports.mapping import ColumnMap
from aftercast.imports.models import ImportChange, ImportKind
from aftercast.imports.parsing import fit, parse_date, parse_moment, parse_number
from aftercast.imports.report import Change, Problem
from aftercast.imports.synonyms import LIFETIME, normalise
from aftercast.imports.writer import ObservationWriter
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import METRICS

MONEY = {key for key, metric in METRICS.items() if metric.unit.value == "money"}


# One value waiting to be written, as a plain tuple (a million rows make millions of these):
# (key, post is only pending, day as stored, value, currency, row, column), where the key is
# (partnership id, post id or None, day, metric): what the database keeps one value per.
Value = tuple
KEY, PENDING, STORED_DAY, AMOUNT, CURRENCY, ROW, COLUMN = range(7)
PARTNERSHIP, POST, DAY, METRIC = range(4)


def plain(number: Decimal) -> str:
    """12345.0000 as "12345", 0.0500 as "0.05": how a person wrote it."""
    return format(number.normalize(), "f")


class ObservationRows(RowHandler):
    @staticmethod
    def check(columns: ColumnMap, creator: str | None) -> None:
        if not columns.metric_columns:
            raise ImportProblem("no_metric_column")
        if not (columns.has("date") or columns.has("published")):
            raise ImportProblem("no_date_column")
        require_creator_key(columns, creator)

    def __init__(self, context: Context):
        super().__init__(context)
        self.posts = campaign_posts(context)
        self.values: list[Value] = []
        # A dry run's memory of what it would have written (keys grow with the file, but a
        # dry run is a check, not the million-row path).
        self.dry_written: dict[tuple, tuple] = {}
        self.days: dict[str, tuple] = {}  # a file repeats few dates many times: parse each once
        self.writer = ObservationWriter(workspace_id=context.workspace_id, run_id=context.run.pk)
        columns = context.columns
        self.at = {k: columns.index_of(k) for k in ("post_url", "post_id", "handle", "format")}
        self.date_at, self.published_at = columns.index_of("date"), columns.index_of("published")
        # (index, metric, header, is money) of every metric column, worked out once
        self.metrics = [
            (index, metric, context.header(index), metric in MONEY)
            for index, metric in columns.metric_columns.items()
        ]

    @property
    def pending(self) -> int:
        return len(self.values)

    def _cell(self, cells: list[str], index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def row(self, number: int, cells: list[str]) -> None:
        cell, at = self._cell, self.at
        try:
            published = self._published(cells) if self.published_at is not None else None
            day, stored_day = self._day(cells, published)
            url, post_id = cell(cells, at["post_url"]), cell(cells, at["post_id"])
            handle = cell(cells, at["handle"])
            details = PostDetails(cell(cells, at["format"]), published, day)
            partnership, post = self.posts.resolve(url, post_id, handle, details)
        except ImportProblem as error:
            self.report.row_done(number, cells, [problem_of(error)], landed=False)
            return
        pending = isinstance(post, PendingPost)
        # `.id`, not `.pk`: a plain attribute read, a million times over.
        partnership_pk, post_pk = partnership.id, post.id if post is not None else None
        problems: list[Problem] = []
        landed = 0
        options, width = self.context.options, len(cells)
        for index, metric, header, money in self.metrics:
            text = cells[index].strip() if index < width else ""
            if not text:
                continue
            try:
                value = parse_number(text, options)
                if value < 0 and not money:
                    raise ImportProblem("negative", column=header, value=text[:40])
                # Rounded as stored (4 decimals), so a re-import compares equal.
                value = fit(value, digits=18, places=4, text=text)
            except ImportProblem as error:
                problems.append(problem_of(error, header))
                continue
            landed += 1
            currency = partnership.currency if money else ""
            key = (partnership_pk, post_pk, day, metric)
            self.values.append((key, pending, stored_day, value, currency, number, header))
        if problems:
            self.report.row_done(number, cells, problems, landed=bool(landed))
        else:
            self.report.rows_whole += 1

    def _published(self, cells: list[str]) -> dt.datetime | None:
        text = self._cell(cells, self.published_at)
        return parse_moment(text, self.context.options) if text else None

    def _day(self, cells: list[str], published: dt.datetime | None) -> tuple:
        raw = self._cell(cells, self.date_at)
        if published is not None and (not raw or normalise(raw) in LIFETIME):
            # Meta dates lifetime totals "Lifetime": the post's publish day dates them.
            day = published.date()
            return day, connection.ops.adapt_datefield_value(day)
        if raw not in self.days:
            day = parse_date(raw, self.context.options)
            self.days[raw] = (day, connection.ops.adapt_datefield_value(day))
        return self.days[raw]

    def flush(self) -> None:
        self.report.posts_created = self.posts.created
        values, self.values = self.values, []
        if not values:
            return
        existing = self._existing(values)
        if self.context.dry_run:
            # Nothing was written by earlier batches: what they would have written counts.
            for value in values:
                if value[KEY] in self.dry_written and value[KEY] not in existing:
                    existing[value[KEY]] = self.dry_written[value[KEY]]
        queued: dict[tuple, Decimal] = {}
        changed: list[tuple[int, Value, Decimal | None]] = []
        report, run_id = self.report, self.context.run.pk
        for value in values:
            key = value[KEY]
            if key not in existing and key not in queued:
                report.created += 1
                queued[key] = value[AMOUNT]
                continue
            before = queued[key] if key in queued else existing[key][1]
            if before == value[AMOUNT]:
                report.unchanged += 1
                continue
            report.updated += 1
            if key in queued:
                queued[key] = value[AMOUNT]  # the writer's upsert keeps the last one
                continue
            pk, _old, source = existing[key]
            existing[key] = (pk, value[AMOUNT], source)
            day = key[DAY].isoformat()
            report.change(
                Change(value[ROW], value[COLUMN], day, plain(before), plain(value[AMOUNT]))
            )
            # A value this run created itself is removed by a rollback, not put back.
            changed.append((pk, value, before if source != run_id else None))
        if not self.context.dry_run:
            self._write(values, existing, changed)
            return
        for key, amount in queued.items():
            self.dry_written[key] = (None, amount, run_id)
        for pk, value, _before in changed:
            self.dry_written[value[KEY]] = (pk, value[AMOUNT], run_id)

    def _existing(self, values: list[Value]) -> dict[tuple, tuple]:
        """Return the stored values this batch may replace: key → (pk, value, source import)."""
        stored = [v[KEY] for v in values if not v[PENDING]]
        if not stored:
            return {}
        days = [key[DAY] for key in stored]
        rows = Observation.objects.filter(
            partnership_id__in={key[PARTNERSHIP] for key in stored},
            metric__in={key[METRIC] for key in stored},
            observed_on__range=(min(days), max(days)),
        ).values_list(
            "pk",
            "partnership_id",
            "deliverable_id",
            "observed_on",
            "metric",
            "value",
            "source_import_id",
        )
        return {(p, d, day, m): (pk, value, source) for pk, p, d, day, m, value, source in rows}

    @transaction.atomic
    def _write(self, values: list[Value], existing: dict, changed: list) -> None:
        adapt = connection.ops.adapt_decimalfield_value
        for value in values:
            key = value[KEY]
            if key not in existing:
                self.writer.add(
                    key[PARTNERSHIP],
                    key[POST],
                    value[STORED_DAY],
                    key[METRIC],
                    adapt(value[AMOUNT]),
                    value[CURRENCY],
                )
        self.writer.close()
        if not changed:
            return
        table = connection.ops.quote_name(Observation._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET value = %s WHERE id = %s",
                [(adapt(v[AMOUNT]), pk) for pk, v, _before in changed],
            )
        context = self.context
        ImportChange.objects.bulk_create(
            [
                ImportChange(
                    workspace_id=context.workspace_id,
                    run_id=context.run.pk,
                    kind=ImportKind.OBSERVATIONS,
                    object_id=pk,
                    row=value[ROW],
                    column=value[COLUMN][:200],
                    observed_on=value[KEY][DAY],
                    before=before,
                    after=value[AMOUNT],
                )
                for pk, value, before in changed
                if before is not None
            ],
            batch_size=2_000,
        )
