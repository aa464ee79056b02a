"""Dated exchange rates, e.g. a central bank's export (date, rate and sometimes a nominal:
the Bank of Russia quotes 100 KZT, so the rate is divided by it)."""

from decimal import Decimal

from django.db import transaction

from aftercast.imports.errors import ImportProblem
from aftercast.imports.kinds.base import Context, RowHandler, problem_of
from aftercast.imports.mapping import ColumnMap
from aftercast.imports.models import ImportChange, ImportKind
from aftercast.imports.parsing import fit, parse_date, parse_number
from aftercast.metrics.models import FxRate

LARGEST_INPUT = Decimal(10) ** 12  # past this, no currency's rate or nominal is meant


class FxRows(RowHandler):
    @staticmethod
    def check(columns: ColumnMap, creator: str | None) -> None:
        if not columns.has("date"):
            raise ImportProblem("no_date_column")
        if not columns.has("rate"):
            raise ImportProblem("no_rate_column")

    def __init__(self, context: Context):
        super().__init__(context)
        if context.fx_pair is None:
            raise ImportProblem("currencies_needed")
        self.base, self.quote = context.fx_pair
        self.incoming: dict = {}  # date → (rate, row): a repeated date keeps its last rate

    def _column(self, target: str) -> str:
        index = self.context.columns.index_of(target)
        return self.context.header(index) if index is not None else target

    @property
    def pending(self) -> int:
        return len(self.incoming)

    def row(self, number: int, cells: list[str]) -> None:
        context = self.context
        try:
            day = parse_date(context.cell(cells, "date"), context.options)
            rate = self._positive(cells, "rate")
            units = self._positive(cells, "nominal") if context.cell(cells, "nominal") else 1
        except ImportProblem as error:
            self.report.row_done(number, cells, [problem_of(error)], landed=False)
            return
        text = context.cell(cells, "rate")
        try:
            per_unit = fit(rate / units, digits=18, places=8, text=text)
            if per_unit <= 0:  # a rate below 0.00000001 rounds to nothing
                raise ImportProblem("not_positive", column=self._column("rate"), value=text[:40])
        except ImportProblem as error:
            self.report.row_done(number, cells, [problem_of(error)], landed=False)
            return
        self.incoming[day] = (per_unit, number)
        self.report.row_done(number, cells, [], landed=True)

    def _positive(self, cells: list[str], target: str) -> Decimal:
        text = self.context.cell(cells, target)
        column = self._column(target)
        if not text:
            raise ImportProblem("missing_value", column=column)
        value = parse_number(text, self.context.options)
        if value <= 0:
            raise ImportProblem("not_positive", column=column, value=text[:40])
        if not value.is_finite() or value >= LARGEST_INPUT:
            raise ImportProblem("out_of_range", value=text[:40])
        return value

    def flush(self) -> None:
        incoming, self.incoming = self.incoming, {}
        if not incoming:
            return
        context = self.context
        stored = {
            r.rate_date: r
            for r in FxRate.objects.filter(
                workspace_id=context.workspace_id,
                base=self.base,
                quote=self.quote,
                rate_date__in=list(incoming),
            )
        }
        new, changed = [], []
        for day, (rate, number) in incoming.items():
            found = stored.get(day)
            if found is None:
                self.report.created += 1
                new.append(
                    FxRate(
                        workspace_id=context.workspace_id,
                        base=self.base,
                        quote=self.quote,
                        rate_date=day,
                        rate=rate,
                        source=context.run.file_name[:120],
                        source_import=context.run,
                    )
                )
            elif found.rate != rate:
                self.report.updated += 1
                changed.append((found, rate, number))
            else:
                self.report.unchanged += 1
        if context.dry_run:
            return
        with transaction.atomic():
            FxRate.objects.bulk_create(new, batch_size=1_000)
            for found, rate, number in changed:
                ImportChange.objects.create(
                    workspace_id=context.workspace_id,
                    run=context.run,
                    kind=ImportKind.FX_RATES,
                    object_id=found.pk,
                    row=number,
                    column=self.quote,
                    observed_on=found.rate_date,
                    before=found.rate,
                    after=rate,
                )
                FxRate.objects.filter(pk=found.pk).update(rate=rate)
