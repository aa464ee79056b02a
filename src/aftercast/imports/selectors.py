"""What the import pages show: the first rows as Aftercast will read them, and what a run did."""

from itertools import islice
from pathlib import Path

from django.core.paginator import Page, Paginator

from aftercast.imports.errors import ImportProblem
from aftercast.imports.lookup import CampaignPosts
from aftercast.imports.mapping import ColumnMap, map_columns
from aftercast.imports.models import ImportKind, ImportRun
from aftercast.imports.readers import ReadOptions, read_rows
from aftercast.imports.services import HANDLERS, is_summary_row
from aftercast.imports.synonyms import detect_kind

PREVIEW_ROWS = 10
POST_SCAN_ROWS = 100_000
PER_PAGE = 50


def preview(run: ImportRun) -> dict:
    """Return the header, the first rows, the detected kind and mapping, how many posts the
    file will create, and any problem reading it."""
    options = ReadOptions(**run.options)
    empty: dict = {"header": [], "rows": [], "columns": None, "kind": ImportKind.OBSERVATIONS}
    try:
        rows = list(islice(read_rows(Path(run.stored_file.path), options), PREVIEW_ROWS + 1))
    except ImportProblem as unreadable:
        return {**empty, "problem": unreadable.message, "kind_label": "", "posts": None}
    header = rows[0][1] if rows else []
    kind = detect_kind(header)
    columns: ColumnMap | None = None
    problem, posts = "", None
    try:
        columns = map_columns(header, kind, run.overrides)
        HANDLERS[kind].check(columns, run.creator or None)
        if kind in (ImportKind.OBSERVATIONS, ImportKind.COMMENTS):
            posts = posts_to_create(run, columns)
    except ImportProblem as error:
        problem = error.message
    return {
        "header": header,
        "rows": [cells for _n, cells in rows[1:]],
        "columns": columns,
        "problem": problem,
        "kind": kind,
        "kind_label": ImportKind(kind).label,
        "posts": posts,
    }


def posts_to_create(run: ImportRun, columns: ColumnMap) -> dict:
    """Count the posts the file names that the campaign does not have yet (none are made),
    and the rows whose creator or post the campaign cannot place (they will be rejected),
    with the first such reason, so the preview never promises what the import refuses."""
    assert run.campaign is not None
    lookup = CampaignPosts(
        run.campaign, market=run.market or None, creator=run.creator or None, dry_run=True
    )
    keyed = [columns.index_of(k) for k in ("post_url", "post_id", "handle")]
    if all(index is None for index in keyed) and not run.creator:
        raise ImportProblem("no_key_column")
    rows = read_rows(Path(run.stored_file.path), ReadOptions(**run.options))
    next(rows, None)
    scanned = refused = named = 0
    first_reason = ""
    for _number, cells in islice(rows, POST_SCAN_ROWS):
        scanned += 1
        if not "".join(cells).strip() or is_summary_row(cells):
            continue
        url, post_id, handle = (
            cells[i].strip() if i is not None and i < len(cells) else "" for i in keyed
        )
        named += bool(url or post_id)
        try:
            lookup.resolve(url, post_id, handle)
        except ImportProblem as problem:
            refused += 1
            first_reason = first_reason or problem.message
    return {
        "count": lookup.created,
        "complete": scanned < POST_SCAN_ROWS,
        "refused": refused,
        "named": named,
        "reason": first_reason,
    }


def problem_rows(run: ImportRun, page: str | int | None) -> Page:
    return Paginator(run.rejections.all(), PER_PAGE).get_page(page)


def changed_values(run: ImportRun, page: str | int | None) -> Page:
    return Paginator(run.changes.all(), PER_PAGE).get_page(page)
