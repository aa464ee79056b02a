"""Small reference tables (creator lists, benchmarks) read with the importer's readers.

They share the importer's detection (encoding, delimiter, XLSX/XLS, bounds); the rows are few,
so they are read whole and checked all together before anything is written.
"""

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aftercast.imports.errors import ImportProblem
from aftercast.imports.readers import ReadOptions, detect, read_rows
from aftercast.imports.synonyms import normalise

MAX_ROWS = 5_000
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@dataclass(frozen=True)
class Table:
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, {column key: text})
    options: ReadOptions


def _column_name(synonyms: tuple[str, ...]) -> str:
    """The name a column goes by in the reader's language (Russian readers see Russian)."""
    if (get_language() or "en").startswith("ru"):
        return next((name for name in synonyms if CYRILLIC.search(name)), synonyms[0])
    return synonyms[0]


def read_table(path: Path, columns: dict[str, tuple[str, ...]], required: list[str]) -> Table:
    """Read a table whose headers name `columns` (each key with its RU/EN synonyms).

    Refuses, in the reader's language, a file that cannot be read, lacks a required column
    or has more rows than such a list ever needs.
    """
    names = {normalise(name): key for key, synonyms in columns.items() for name in (key, *synonyms)}
    try:
        options = detect(path)
        lines = read_rows(path, options)
        first = next(lines, None)
        if first is None:
            raise ImportProblem("empty_file")
        found = {i: normalise(cell) for i, cell in enumerate(first[1])}
        positions = {i: names[key] for i, key in found.items() if key in names}
        missing = [key for key in required if key not in positions.values()]
        if missing:
            raise ValidationError(
                _("The file needs the columns: %(columns)s.")
                % {"columns": ", ".join(f"“{_column_name(columns[key])}”" for key in missing)}
            )
        rows: list[tuple[int, dict[str, str]]] = []
        for number, cells in lines:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(limit)s rows: split it.") % {"limit": MAX_ROWS}
                )
            # A row shorter than the header leaves its last columns empty.
            row = {
                key: (cells[i].strip() if i < len(cells) else "") for i, key in positions.items()
            }
            rows.append((number, row))
    except ImportProblem as problem:
        raise ValidationError(problem.message) from None
    if not rows:
        raise ValidationError(_("The file has a header but no rows."))
    return Table(rows=rows, options=options)


@contextmanager
def saved_upload(upload) -> Iterator[Path]:
    """An uploaded file written to a private temporary path for the readers (removed after)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        with open(path, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        yield path
