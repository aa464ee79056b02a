"""What an import did, in one typed shape for every kind of file, every adapter and every page.

Rows and values are counted apart: a row may land whole, land in part (some of its cells were
refused), be rejected, or be skipped (a summary row such as "Total"). Codes are kept; messages
are rendered in the reader's language when shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aftercast.imports.errors import render
from aftercast.imports.readers import ReadOptions

if TYPE_CHECKING:
    from aftercast.imports.mapping import ColumnMap
    from aftercast.imports.models import ImportRun

KEPT_ROWS = 1_000  # problem rows kept whole per run; the totals count them all
KEPT_CHANGES = 1_000
KEPT_CELLS = 200
KEPT_CELL_CHARS = 1_000


@dataclass
class Problem:
    column: str  # "" when the whole row is refused
    code: str
    params: dict

    @property
    def message(self) -> str:
        return render(self.code, self.params)


@dataclass
class ProblemRow:
    row: int
    rejected: bool  # False: the row landed in part
    problems: list[Problem]
    cells: list[str]


@dataclass
class Change:
    row: int
    column: str
    date: str
    before: str
    after: str


def bounded(cells: list[str]) -> list[str]:
    """Keep what a person needs to fix a row, never megabytes of one hostile cell."""
    return [cell[:KEPT_CELL_CHARS] for cell in cells[:KEPT_CELLS]]


@dataclass
class ImportReport:
    kind: str
    options: ReadOptions
    columns: ColumnMap | None = None
    dry_run: bool = False
    rows_read: int = 0
    rows_whole: int = 0
    rows_partial: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cells_refused: int = 0
    posts_created: int = 0
    problem_rows: list[ProblemRow] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    run: ImportRun | None = None

    def row_done(self, number: int, cells: list[str], problems: list[Problem], landed: bool):
        """Count one row: whole, in part, or rejected, keeping its cells when it had problems."""
        if not problems:
            self.rows_whole += 1
            return
        rejected = not landed
        if rejected:
            self.rows_rejected += 1
        else:
            self.rows_partial += 1
        self.cells_refused += sum(1 for p in problems if p.column)
        if len(self.problem_rows) < KEPT_ROWS:
            self.problem_rows.append(ProblemRow(number, rejected, problems, bounded(cells)))

    def change(self, change: Change) -> None:
        if len(self.changes) < KEPT_CHANGES:
            self.changes.append(change)

    def as_dict(self) -> dict:
        """Return the report as plain data, for the command line and the API."""
        return {
            "import_id": self.run.pk if self.run else None,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "options": self.options.as_dict(),
            "rows": {
                "read": self.rows_read,
                "imported_whole": self.rows_whole,
                "imported_in_part": self.rows_partial,
                "rejected": self.rows_rejected,
                "skipped": self.rows_skipped,
            },
            "values": {
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "refused": self.cells_refused,
            },
            "posts_created": self.posts_created,
            "unknown_columns": self.columns.unknown if self.columns else [],
            "rejections": [
                {
                    "row": row.row,
                    "rejected": row.rejected,
                    "column": problem.column,
                    "code": problem.code,
                    "message": problem.message,
                }
                for row in self.problem_rows
                for problem in row.problems
            ],
            "changes": [vars(change) for change in self.changes],
        }
