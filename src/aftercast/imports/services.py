"""Importing metric observations from a file: one transaction, idempotent, every refusal told."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from django.db import connection, transaction
from django.utils import timezone

from aftercast.campaigns.models import Campaign, Deliverable, Partnership
from aftercast.imports.errors import ImportProblem
from aftercast.imports.mapping import ColumnMap, header_signature, map_columns
from aftercast.imports.models import ImportKind, ImportRun, ImportStatus, SavedMapping
from aftercast.imports.parsing import parse_date, parse_number
from aftercast.imports.readers import ReadOptions, detect, read_rows
from aftercast.imports.writer import ObservationWriter
from aftercast.metrics.models import Comment, Journey, Observation
from aftercast.metrics.registry import METRICS

MAX_REPORTED_REJECTIONS = 10_000
BATCH = 5_000
PROGRESS_EVERY = 1_000
MONEY = {key for key, metric in METRICS.items() if metric.unit.value == "money"}


@dataclass
class Rejection:
    row: int
    column: str
    code: str
    message: str
    cells: list[str]


@dataclass
class ImportReport:
    options: ReadOptions
    columns: ColumnMap
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    rejected_count: int = 0
    changes: list[dict] = field(default_factory=list)  # what an update replaced, row by row
    run: ImportRun | None = None

    def as_dict(self) -> dict:
        """Return the report as plain data, for the command line and the API."""
        return {
            "import_id": self.run.pk if self.run else None,
            "dry_run": bool(self.run and self.run.dry_run),
            "options": self.options.as_dict(),
            "rows_read": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected_count,
            "unknown_columns": self.columns.unknown,
            "rejections": [
                {"row": r.row, "column": r.column, "code": r.code, "message": r.message}
                for r in self.rejected
            ],
            "changes": self.changes,
        }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _url_key(url: str) -> str:
    return url.strip().split("?")[0].rstrip("/").lower()


class KeyColumns(Protocol):
    def index_of(self, target: str) -> int | None: ...


class PostLookup:
    """The campaign's posts and partnerships, looked up by link, post ID or handle."""

    def __init__(self, campaign: Campaign, market: str | None):
        links = Partnership.objects.filter(campaign_market__campaign=campaign).select_related(
            "account", "campaign_market__market"
        )
        if market:
            links = links.filter(campaign_market__market__code=market)
        self.by_handle = {p.account.handle.lower().lstrip("@"): p for p in links}
        posts = Deliverable.objects.filter(partnership__in=list(self.by_handle.values()))
        self.by_url = {_url_key(d.url): d for d in posts if d.url}
        self.by_post_id = {d.external_id.lower(): d for d in posts if d.external_id}

    def resolve(self, cells: list[str], columns: KeyColumns):
        def cell(target):
            index = columns.index_of(target)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        url, post_id, handle = cell("post_url"), cell("post_id"), cell("handle")
        if url or post_id:
            post = self.by_url.get(_url_key(url)) or self.by_post_id.get(post_id.lower())
            if post is None:
                raise ImportProblem("unknown_post", value=(url or post_id)[:80])
            return post.partnership, post
        if handle:
            link = self.by_handle.get(handle.lower().lstrip("@"))
            if link is None:
                raise ImportProblem("creator_not_in_campaign", value=handle[:80])
            return link, None
        raise ImportProblem("missing_key")


class _DryRun(Exception):
    """Unwinds the transaction of a dry run after the report is complete."""


def import_observations(
    *,
    campaign: Campaign,
    path: Path,
    user=None,
    market: str | None = None,
    options: ReadOptions | None = None,
    overrides: dict[str, str] | None = None,
    dry_run: bool = False,
    file_name: str = "",
    run: ImportRun | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a file of metric values into a campaign; re-importing updates, never doubles.

    A file that cannot be read raises ImportProblem before anything is written. Rows that
    cannot be used are reported with their number, column and reason; the others import, all
    in one transaction. `run` is the record of an import prepared in the web UI.
    """
    options = options or detect(path)
    rows = read_rows(path, options)
    header = next(rows, None)
    if header is None or not any(cell.strip() for cell in header[1]):
        raise ImportProblem("empty_file")
    if overrides is None:
        saved = SavedMapping.objects.filter(
            workspace_id=campaign.workspace_id, header_signature=header_signature(header[1])
        ).first()
        overrides = saved.columns if saved else None
    report = ImportReport(options=options, columns=map_columns(header[1], overrides))
    run = run or ImportRun(
        workspace=campaign.workspace,
        user=user,
        campaign=campaign,
        kind=ImportKind.OBSERVATIONS,
        file_name=file_name or path.name,
    )
    run.file_sha256 = file_sha256(path)
    run.options, run.dry_run, run.status = options.as_dict(), dry_run, ImportStatus.RUNNING
    run.save()
    try:
        with transaction.atomic():
            _load(report, rows, campaign, market, run, progress)
            if report.rows_read == 0:
                raise ImportProblem("header_only")
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass  # the transaction is undone; the report stays
    except ImportProblem as problem:
        run.status, run.report["error"] = ImportStatus.FAILED, problem.code
        run.save()
        raise
    _finish(run, report)
    report.run = run
    return report


def _load(report: ImportReport, rows, campaign, market, run, progress=None) -> None:
    """Stream the rows: new values go to the writer batch by batch, existing ones are
    compared with what is stored (loaded once, so memory follows the campaign, not the file)."""
    targets = PostLookup(campaign, market)
    existing = {
        (o.partnership_id, o.deliverable_id, o.observed_on, o.metric): o
        for o in Observation.objects.filter(partnership__in=list(targets.by_handle.values()))
    }
    date_index = report.columns.index_of("date")
    assert date_index is not None, "map_columns refuses a file without a date column"
    writer = ObservationWriter(workspace_id=campaign.workspace_id, run_id=run.pk)
    adapt_value = connection.ops.adapt_decimalfield_value
    days: dict[str, tuple] = {}  # a file repeats few dates many times: parse each once
    changed: list[Observation] = []
    previous: list[list] = []
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        report.rows_read += 1
        if progress is not None and report.rows_read % PROGRESS_EVERY == 0:
            progress(report.rows_read)
        try:
            link, post = targets.resolve(cells, report.columns)
            raw_day = cells[date_index] if date_index < len(cells) else ""
            if raw_day not in days:
                day = parse_date(raw_day, report.options)
                days[raw_day] = (day, connection.ops.adapt_datefield_value(day))
            day, stored_day = days[raw_day]
        except ImportProblem as problem:
            _reject(report, number, "", problem, cells)
            continue
        for index, metric in report.columns.metric_columns.items():
            text = cells[index].strip() if index < len(cells) else ""
            if not text:
                continue
            try:
                value = parse_number(text, report.options)
                if value < 0 and metric not in MONEY:
                    raise ImportProblem(
                        "negative", column=report.columns.headers[index], value=text
                    )
            except ImportProblem as problem:
                _reject(report, number, report.columns.headers[index], problem, cells)
                continue
            post_id = post.pk if post else None
            found = existing.get((link.pk, post_id, day, metric))
            if found is None:
                currency = link.currency if metric in MONEY else ""
                writer.add(link.pk, post_id, stored_day, metric, adapt_value(value), currency)
            elif found.value != value:
                previous.append([found.pk, str(found.value)])
                if len(report.changes) < MAX_REPORTED_REJECTIONS:
                    report.changes.append(
                        {
                            "row": number,
                            "column": report.columns.headers[index],
                            "date": day.isoformat(),
                            "before": str(found.value),
                            "after": str(value),
                        }
                    )
                found.value = value
                changed.append(found)
                report.updated += 1
            else:
                report.unchanged += 1
    # A key repeated inside the file counts as created once per repetition: it is written
    # over, not doubled (see writer.py).
    report.created = writer.close()
    Observation.objects.bulk_update(changed, ["value"], batch_size=BATCH)
    run.report["previous_values"] = previous


def _reject(report, number, column, problem: ImportProblem, cells) -> None:
    report.rejected_count += 1
    if len(report.rejected) < MAX_REPORTED_REJECTIONS:
        report.rejected.append(Rejection(number, column, problem.code, problem.message, cells))


def _finish(run: ImportRun, report: ImportReport) -> None:
    run.rows_total = run.rows_done = report.rows_read
    run.created_count, run.updated_count = report.created, report.updated
    run.unchanged_count, run.rejected_count = report.unchanged, report.rejected_count
    run.report.update(
        {
            "unknown_columns": report.columns.unknown,
            "rejected": [vars(r) for r in report.rejected],
            "changes": report.changes,
        }
    )
    run.status = ImportStatus.DONE
    run.finished_at = timezone.now()
    run.save()


@transaction.atomic
def import_rollback(*, run: ImportRun) -> ImportRun:
    """Undo an import: remove what it created, put back the values it overwrote."""
    for pk, value in run.report.get("previous_values", []):
        Observation.objects.filter(pk=pk).update(value=Decimal(value))
    restored = {pk for pk, _value in run.report.get("previous_values", [])}
    Observation.objects.filter(source_import=run).exclude(pk__in=restored).delete()
    # Comments and journeys this import created go; ones it only refreshed stay.
    Comment.objects.filter(source_import=run).delete()
    Journey.objects.filter(source_import=run).delete()
    run.status = ImportStatus.ROLLED_BACK
    run.rolled_back_at = timezone.now()
    run.save(update_fields=["status", "rolled_back_at"])
    return run


def saved_mapping_for(run: ImportRun) -> SavedMapping | None:
    """Return the mapping saved for files shaped like this run's file, if any."""
    header = next(read_rows(Path(run.stored_file.path), ReadOptions(**run.options)), None)
    if header is None:
        return None
    return SavedMapping.objects.filter(
        workspace_id=run.workspace_id, header_signature=header_signature(header[1])
    ).first()


def mapping_remember(*, run: ImportRun) -> SavedMapping:
    """Keep this run's reading options and column choices for files of the same shape."""
    header = next(read_rows(Path(run.stored_file.path), ReadOptions(**run.options)), (0, []))[1]
    reading = {
        k: run.options[k]
        for k in ("encoding", "delimiter", "decimal", "thousands", "date_format")
        if k in run.options
    }
    mapping, _created = SavedMapping.objects.update_or_create(
        workspace_id=run.workspace_id,
        header_signature=header_signature(header),
        defaults={
            "name": run.file_name[:200],
            "columns": run.report.get("overrides", {}),
            "options": reading,
        },
    )
    return mapping
