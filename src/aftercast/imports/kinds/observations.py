"""Metric values per post (or per creator account) and day: the bulk of every import.

Rows are parsed and checked outside any transaction; each batch then looks up the values it
may replace (so memory follows the batch, not the campaign) and writes in one short
transaction, which other writers interleave with on SQLite.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from aftercast.imports.errors import ImportProblem
from aftercast.imports.kinds.base import Context, RowHandler, problem_of
from aftercast.imports.lookup import CampaignPosts, PendingPost, RowKeys
from aftercast.imports.mapping import ColumnMap
from aftercast.imports.models import ImportChange, ImportKind
from aftercast.imports.parsing import parse_date, parse_moment, parse_number
from aftercast.imports.report import Change, Problem
from aftercast.imports.synonyms import LIFETIME, normalise
from aftercast.imports.writer import ObservationWriter
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import METRICS

MONEY = {key for key, metric in METRICS.items() if metric.unit.value == "money"}
BATCH_VALUES = 20_000


@dataclass
class Value:
    partnership_id: int
    post: object  # Deliverable, PendingPost or None
    day: dt.date
    stored_day: object
    metric: str
    value: Decimal
    currency: str
    row: int
    column: str

    @property
    def key(self) -> tuple:
        return (self.partnership_id, getattr(self.post, "pk", None), self.day, self.metric)


class ObservationRows(RowHandler):
    @staticmethod
    def check(columns: ColumnMap, creator: str | None) -> None:
        if not columns.metric_columns:
            raise ImportProblem("no_metric_column")
        if not (columns.has("date") or columns.has("published")):
            raise ImportProblem("no_date_column")
        keyed = any(columns.has(k) for k in ("post_url", "post_id", "handle"))
        if not keyed and not creator:
            raise ImportProblem("no_key_column")

    def __init__(self, context: Context):
        super().__init__(context)
        assert context.campaign is not None, "metric values always belong to a campaign"
        self.posts = CampaignPosts(
            context.campaign,
            market=context.market,
            creator=context.creator,
            run=context.run,
            dry_run=context.dry_run,
        )
        self.values: list[Value] = []
        self.days: dict[str, tuple] = {}  # a file repeats few dates many times: parse each once
        self.writer = ObservationWriter(workspace_id=context.workspace_id, run_id=context.run.pk)

    @property
    def pending(self) -> int:
        return len(self.values)

    def row(self, number: int, cells: list[str]) -> None:
        context = self.context
        try:
            published = self._published(cells)
            day, stored_day = self._day(cells, published)
            keys = RowKeys(
                url=context.cell(cells, "post_url"),
                post_id=context.cell(cells, "post_id"),
                handle=context.cell(cells, "handle"),
                format=context.cell(cells, "format"),
                published=published,
                day=day,
            )
            partnership, post = self.posts.resolve(keys)
        except ImportProblem as error:
            self.report.row_done(number, cells, [problem_of(error)], landed=False)
            return
        self.report.posts_created = self.posts.created
        problems: list[Problem] = []
        landed = 0
        for index, metric in context.columns.metric_columns.items():
            text = cells[index].strip() if index < len(cells) else ""
            if not text:
                continue
            try:
                value = parse_number(text, context.options)
                if value < 0 and metric not in MONEY:
                    raise ImportProblem("negative", column=context.header(index), value=text[:40])
            except ImportProblem as error:
                problems.append(problem_of(error, context.header(index)))
                continue
            landed += 1
            currency = partnership.currency if metric in MONEY else ""
            self.values.append(
                Value(
                    partnership.pk,
                    post,
                    day,
                    stored_day,
                    metric,
                    value,
                    currency,
                    number,
                    context.header(index),
                )
            )
        self.report.row_done(number, cells, problems, landed=bool(landed) or not problems)

    def _published(self, cells: list[str]) -> dt.datetime | None:
        text = self.context.cell(cells, "published")
        return parse_moment(text, self.context.options) if text else None

    def _day(self, cells: list[str], published: dt.datetime | None) -> tuple:
        raw = self.context.cell(cells, "date")
        if (not raw or normalise(raw) in LIFETIME) and published is not None:
            # Meta dates lifetime totals "Lifetime": the post's publish day dates them.
            day = published.date()
            return day, connection.ops.adapt_datefield_value(day)
        if raw not in self.days:
            day = parse_date(raw, self.context.options)
            self.days[raw] = (day, connection.ops.adapt_datefield_value(day))
        return self.days[raw]

    def flush(self) -> None:
        values, self.values = self.values, []
        if not values:
            return
        existing = self._existing(values)
        queued: dict[tuple, Decimal] = {}
        changed: list[tuple[int, Value, Decimal]] = []
        report, run_id = self.report, self.context.run.pk
        for value in values:
            key = value.key
            if isinstance(value.post, PendingPost) or (key not in existing and key not in queued):
                report.created += 1
                queued[key] = value.value
                continue
            before = queued[key] if key in queued else existing[key][1]
            if before == value.value:
                report.unchanged += 1
                continue
            report.updated += 1
            if key in queued:
                queued[key] = value.value  # the writer's upsert keeps the last one
                continue
            pk, _old, source = existing[key]
            existing[key] = (pk, value.value, source)
            day = value.day.isoformat()
            report.change(Change(value.row, value.column, day, str(before), str(value.value)))
            # A value this run created itself is removed by a rollback, not put back.
            changed.append((pk, value, before if source != run_id else None))
        if not self.context.dry_run:
            self._write(values, existing, changed)

    def _existing(self, values: list[Value]) -> dict[tuple, tuple]:
        """Return the stored values this batch may replace: key → (pk, value, source import)."""
        stored = [v for v in values if not isinstance(v.post, PendingPost)]
        if not stored:
            return {}
        days = [v.day for v in stored]
        rows = Observation.objects.filter(
            partnership_id__in={v.partnership_id for v in stored},
            metric__in={v.metric for v in stored},
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
            if value.key not in existing:
                post_id = getattr(value.post, "pk", None)
                self.writer.add(
                    value.partnership_id,
                    post_id,
                    value.stored_day,
                    value.metric,
                    adapt(value.value),
                    value.currency,
                )
        self.writer.close()
        if not changed:
            return
        table = connection.ops.quote_name(Observation._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET value = %s WHERE id = %s",
                [(adapt(v.value), pk) for pk, v, _before in changed],
            )
        context = self.context
        ImportChange.objects.bulk_create(
            [
                ImportChange(
                    workspace_id=context.workspace_id,
                    run_id=context.run.pk,
                    kind=ImportKind.OBSERVATIONS,
                    object_id=pk,
                    row=value.row,
                    column=value.column[:200],
                    observed_on=value.day,
                    before=before,
                    after=value.value,
                )
                for pk, value, before in changed
                if before is not None
            ],
            batch_size=2_000,
        )
