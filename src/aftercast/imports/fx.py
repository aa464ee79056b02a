"""Importing dated exchange rates, e.g. a central bank's export (date + rate columns)."""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from aftercast.core.models import Workspace
from aftercast.imports.errors import ImportProblem
from aftercast.imports.parsing import parse_date, parse_number
from aftercast.imports.readers import detect, read_rows
from aftercast.imports.synonyms import normalise
from aftercast.metrics.models import FxRate

DATE_HEADERS = {"date", "дата", "data"}
RATE_HEADERS = {"rate", "курс", "curs", "value", "значение", "close"}
UNIT_HEADERS = {"nominal", "номинал", "units", "единиц"}


@dataclass
class FxReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def _column(headers: list[str], names: set[str]) -> int | None:
    return next((i for i, h in enumerate(headers) if normalise(h) in names), None)


@transaction.atomic
def import_fx_rates(
    *, workspace: Workspace, path: Path, base: str, quote: str, source: str = ""
) -> FxReport:
    """Store how many `quote` one `base` bought on each date; re-importing updates."""
    options = detect(path)
    rows = read_rows(path, options)
    header = next(rows, (0, []))[1]
    date_at, rate_at, unit_at = (
        _column(header, DATE_HEADERS),
        _column(header, RATE_HEADERS),
        _column(header, UNIT_HEADERS),
    )
    if date_at is None:
        raise ImportProblem("no_date_column")
    if rate_at is None:
        raise ImportProblem("no_metric_column")
    report = FxReport()
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        try:
            day = parse_date(cells[date_at], options)
            rate = parse_number(cells[rate_at], options)
            units = parse_number(cells[unit_at], options) if unit_at is not None else Decimal(1)
            if rate <= 0 or units <= 0:
                raise ImportProblem("negative", column=header[rate_at], value=cells[rate_at])
        except (ImportProblem, IndexError) as problem:
            message = problem.message if isinstance(problem, ImportProblem) else ""
            report.rejected.append((number, message))
            continue
        value = (rate / units).quantize(Decimal("0.00000001"))
        existing = FxRate.objects.filter(
            workspace=workspace, base=base, quote=quote, rate_date=day
        ).first()
        if existing is None:
            FxRate.objects.create(
                workspace=workspace,
                base=base,
                quote=quote,
                rate_date=day,
                rate=value,
                source=source or path.name,
            )
            report.created += 1
        elif existing.rate != value:
            existing.rate = value
            existing.save(update_fields=["rate", "updated_at"])
            report.updated += 1
        else:
            report.unchanged += 1
    return report
