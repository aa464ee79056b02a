"""What the import pages show: the first rows of a file as Aftercast will read them."""

from itertools import islice
from pathlib import Path

from aftercast.imports.audience import detect_kind
from aftercast.imports.errors import ImportProblem
from aftercast.imports.mapping import ColumnMap, map_columns
from aftercast.imports.models import ImportKind, ImportRun
from aftercast.imports.readers import ReadOptions, read_rows

PREVIEW_ROWS = 10


def preview(run: ImportRun) -> dict:
    """Return the header, the first rows, the detected mapping and any problem reading them."""
    options = ReadOptions(**run.options)
    try:
        rows = list(islice(read_rows(Path(run.stored_file.path), options), PREVIEW_ROWS + 1))
    except ImportProblem as unreadable:
        return {
            "problem": unreadable.message,
            "header": [],
            "rows": [],
            "columns": None,
            "kind": ImportKind.OBSERVATIONS,
            "kind_label": "",
        }
    header = rows[0][1] if rows else []
    kind = detect_kind(header)
    columns: ColumnMap | None = None
    problem = ""
    if kind == ImportKind.OBSERVATIONS:
        try:
            columns = map_columns(header, run.report.get("overrides"))
        except ImportProblem as error:
            problem = error.message
    return {
        "header": header,
        "rows": [cells for _n, cells in rows[1:]],
        "columns": columns,
        "problem": problem,
        "kind": kind,
        "kind_label": ImportKind(kind).label,
    }
