"""Importing a file, the one way: `import_file` owns a run from start to end, for every kind of
file and for every door (the command line, the API, the web upload's background task).

A run writes in short batches, so on SQLite other users keep writing while a big file imports;
it stays all-or-nothing by its id: if it fails or its process dies, what it wrote is removed.
"""

import datetime as dt
import hashlib
import logging
import os
import re
import socket
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from aftercast.campaigns.models import Campaign
from aftercast.imports.errors import ImportProblem
from aftercast.imports.kinds.base import Context, RowHandler
from aftercast.imports.kinds.comments import CommentRows
from aftercast.imports.kinds.fx import FxRows
from aftercast.imports.kinds.journeys import JourneyRows
from aftercast.imports.kinds.observations import ObservationRows
from aftercast.imports.mapping import header_signature, map_columns
from aftercast.imports.models import (
    ImportKind,
    ImportRejection,
    ImportRun,
    ImportStatus,
    SavedMapping,
)
from aftercast.imports.progress import set_progress
from aftercast.imports.readers import ReadOptions, detect, read_rows
from aftercast.imports.report import ImportReport
from aftercast.imports.synonyms import SUMMARY_ROWS, detect_kind, normalise
from aftercast.imports.undo import undo_run

logger = logging.getLogger(__name__)
HANDLERS: dict[str, type[RowHandler]] = {
    ImportKind.OBSERVATIONS: ObservationRows,
    ImportKind.COMMENTS: CommentRows,
    ImportKind.JOURNEYS: JourneyRows,
    ImportKind.FX_RATES: FxRows,
}
BATCH_ROWS = 10_000  # values per write transaction: a fraction of a second of lock on SQLite
SUMMARY_LENGTH = 20  # longer first cells (links, IDs) are never "Total"
PROGRESS_EVERY = 1_000
ORPHANED_AFTER = 15 * 60  # seconds without a sign of life from a run's process


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def currency_pair(base: str, quote: str) -> tuple[str, str]:
    """Two ISO 4217 codes (USD, RUB), checked: anything else is refused with a reason."""
    pair = (base.strip().upper(), quote.strip().upper())
    for code in pair:
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ImportProblem("bad_currency", value=code[:10])
    return pair


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def import_file(
    *,
    path: Path,
    workspace_id: int | None = None,
    campaign: Campaign | None = None,
    kind: str = "",
    user=None,
    market: str | None = None,
    creator: str | None = None,
    fx_pair: tuple[str, str] | None = None,
    options: ReadOptions | None = None,
    overrides: dict[str, str] | None = None,
    dry_run: bool = False,
    file_name: str = "",
    run: ImportRun | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a file of metric values, comments, journeys or exchange rates.

    A file that cannot be read raises ImportProblem before anything is written (and, past
    detection, is recorded as a failed run). Rows that cannot be used are reported with their
    number, column and reason; the others land. Re-importing updates, never doubles. The kind
    is told by the columns unless given; `run` is the record of an upload from the web UI.
    """
    options = options or detect(path)
    if run is None:
        workspace_id = workspace_id or (campaign.workspace_id if campaign else None)
        assert workspace_id is not None, "an import belongs to a workspace"
        run = ImportRun(
            workspace_id=workspace_id,
            user=user,
            campaign=campaign,
            file_name=(file_name or path.name)[:300],
            market=market or "",
            creator=creator or "",
            fx_pair="/".join(fx_pair) if fx_pair else "",
            overrides=overrides or {},
            dry_run=dry_run,
        )
    run.file_sha256 = file_sha256(path)
    run.options, run.status = options.as_dict(), ImportStatus.RUNNING
    run.process, run.heartbeat_at = this_process(), timezone.now()
    run.kind = kind or run.kind
    run.save()
    report = ImportReport(kind=run.kind, options=options, dry_run=run.dry_run)
    try:
        _run(run, path, report, progress)
    except BaseException as error:
        _fail(run, error)
        raise
    _finish(run, report)
    report.run = run
    return report


def _run(run: ImportRun, path: Path, report: ImportReport, progress) -> None:
    rows = read_rows(path, report.options)
    header = next(rows, None)
    if header is None or not any(cell.strip() for cell in header[1]):
        raise ImportProblem("empty_file")
    run.header = [cell[:200] for cell in header[1][:200]]
    run.kind = report.kind = run.kind or detect_kind(header[1])
    if not run.overrides:
        saved = SavedMapping.objects.filter(
            workspace_id=run.workspace_id, header_signature=header_signature(header[1])
        ).first()
        if saved is not None:
            run.overrides, run.mapping_name = saved.columns, saved.name
    report.columns = map_columns(header[1], run.kind, run.overrides)
    fx_pair = tuple(run.fx_pair.split("/")) if run.fx_pair else None
    handler = HANDLERS[run.kind](
        Context(
            report=report,
            run=run,
            columns=report.columns,
            options=report.options,
            workspace_id=run.workspace_id,
            campaign=run.campaign,
            market=run.market or None,
            creator=run.creator or None,
            fx_pair=fx_pair,  # type: ignore[arg-type]
            dry_run=run.dry_run,
            beat=lambda: _beat(run, report.rows_read),
        )
    )
    for number, cells in rows:
        joined = "".join(cells)
        if not joined or joined.isspace():
            continue
        report.rows_read += 1
        if is_summary_row(cells):
            report.rows_skipped += 1
        else:
            handler.row(number, cells)
        if handler.pending >= BATCH_ROWS:
            handler.flush()
        if report.rows_read % PROGRESS_EVERY == 0:
            if progress is not None:
                progress(report.rows_read)
            if report.rows_read % (PROGRESS_EVERY * 10) == 0:
                _beat(run, report.rows_read)
    if report.rows_read == 0:
        raise ImportProblem("header_only")
    handler.finish()


def is_summary_row(cells: list[str]) -> bool:
    """A platform's "Total" / "Итого" row sums the posts above it; it is not a post."""
    first = cells[0] if cells[0].strip() else next((c for c in cells if c.strip()), "")
    return len(first) <= SUMMARY_LENGTH and normalise(first) in SUMMARY_ROWS


def _beat(run: ImportRun, rows_done: int) -> None:
    """Show that the run is alive (orphaned runs are found by their silence)."""
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now(), rows_done=rows_done)


def _fail(run: ImportRun, error: BaseException) -> None:
    """End a run that cannot finish: remove what it wrote, say why (as a code).

    If even that fails (the database went away), the run stays "running" with a stale
    heartbeat, and `imports_recover` finishes the job at the next start."""
    try:
        undo_run(run)
    except Exception:
        logger.exception("import %s: could not remove what it wrote", run.pk)
        return
    if isinstance(error, ImportProblem):
        run.error_code, run.error_params = error.code, error.params
    else:
        run.error_code, run.error_params = "crashed", {"reason": type(error).__name__}
    run.status, run.finished_at = ImportStatus.FAILED, timezone.now()
    run.save()


def _finish(run: ImportRun, report: ImportReport) -> None:
    run.rows_total = run.rows_done = report.rows_read
    run.rows_whole, run.rows_partial = report.rows_whole, report.rows_partial
    run.rejected_count, run.rows_skipped = report.rows_rejected, report.rows_skipped
    run.created_count, run.updated_count = report.created, report.updated
    run.unchanged_count, run.cells_refused = report.unchanged, report.cells_refused
    run.posts_created = report.posts_created
    run.unknown_columns = report.columns.unknown if report.columns else []
    run.status, run.finished_at = ImportStatus.DONE, timezone.now()
    with transaction.atomic():
        run.save()
        ImportRejection.objects.bulk_create(
            [
                ImportRejection(
                    workspace_id=run.workspace_id,
                    run=run,
                    row=row.row,
                    rejected=row.rejected,
                    problems=[vars(p) for p in row.problems],
                    cells=row.cells,
                )
                for row in report.problem_rows
            ],
            batch_size=500,
        )
    set_progress(run.pk, report.rows_read, report.rows_read)


def import_refused(*, run: ImportRun, problem: ImportProblem) -> ImportRun:
    """End a run that never started writing: the file was refused before its rows were read."""
    _fail(run, problem)
    return run


def import_rollback(*, run: ImportRun) -> ImportRun:
    """Undo an import: remove what it created, put back the values it overwrote.

    Imports are undone newest first: an older run's "before" values would overwrite what a
    later run wrote over the same numbers."""
    later = (
        ImportRun.objects.filter(
            workspace_id=run.workspace_id,
            campaign=run.campaign,
            kind=run.kind,
            status=ImportStatus.DONE,
            dry_run=False,
            created_at__gt=run.created_at,
        )
        .exclude(created_count=0, updated_count=0, posts_created=0)
        .order_by("-created_at")
    )
    if newest := later.first():
        raise ImportProblem("later_imports_first", count=later.count(), file=newest.file_name)
    undo_run(run)
    run.status, run.rolled_back_at = ImportStatus.ROLLED_BACK, timezone.now()
    run.save(update_fields=["status", "rolled_back_at"])
    return run


def imports_recover() -> list[ImportRun]:
    """Find runs whose process died mid-import (kill -9, out of memory, a restart), remove
    what they wrote and mark them failed. Called when the server and the worker start."""
    host = socket.gethostname()
    silent_since = timezone.now() - dt.timedelta(seconds=ORPHANED_AFTER)
    recovered = []
    for run in ImportRun.objects.filter(status=ImportStatus.RUNNING):
        run_host, _sep, pid = run.process.rpartition(":")
        dead = run_host == host and pid.isdigit() and not _alive(int(pid))
        if dead or run.heartbeat_at is None or run.heartbeat_at < silent_since:
            _fail(run, ImportProblem("interrupted"))
            recovered.append(run)
    return recovered


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
        defaults={"name": run.file_name[:200], "columns": run.overrides, "options": reading},
    )
    return mapping


UNCONFIRMED_FOR = dt.timedelta(days=1)


def purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete the uploads nobody confirmed within a day, their files with them: a file left
    at the preview holds a platform's export (names, numbers) for no one's use. Run at every
    upload and when the worker starts; the number removed."""
    old = ImportRun.objects.filter(
        kind="", created_at__lt=(now or timezone.now()) - UNCONFIRMED_FOR
    )
    removed = 0
    for run in old:
        if run.stored_file:
            run.stored_file.delete(save=False)
        run.delete()
        removed += 1
    return removed
