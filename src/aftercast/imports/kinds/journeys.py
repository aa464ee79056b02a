"""Customer journeys (one row per touch) for attribution; a re-imported journey replaces its
touches. A journey's touches may lie far apart in the file, so they are gathered first and
written at the end, a batch of journeys per transaction."""

from collections import defaultdict
from decimal import Decimal
from itertools import islice

from django.db import transaction

from aftercast.campaigns.models import CampaignMarket
from aftercast.imports.errors import ImportProblem
from aftercast.imports.kinds.base import Context, RowHandler, problem_of
from aftercast.imports.mapping import ColumnMap
from aftercast.imports.models import ImportChange, ImportKind
from aftercast.imports.parsing import fit, parse_moment, parse_number
from aftercast.metrics.models import Journey, Touchpoint

YES = {"1", "true", "yes", "да", "y", "д"}
JOURNEYS_PER_BATCH = 500


class JourneyRows(RowHandler):
    @staticmethod
    def check(columns: ColumnMap, creator: str | None) -> None:
        if not all(columns.has(n) for n in ("journey_id", "channel", "timestamp")):
            raise ImportProblem("no_journey_columns")

    def __init__(self, context: Context):
        super().__init__(context)
        self.slice = _campaign_market(context)
        self.handles = {
            p.account.handle.lower().lstrip("@"): p
            for p in self.slice.partnerships.select_related("account")
        }
        self.paths: dict[str, list] = defaultdict(list)

    def row(self, number: int, cells: list[str]) -> None:
        context = self.context
        try:
            ref = context.cell(cells, "journey_id")
            channel = context.cell(cells, "channel")
            if not ref or not channel:
                raise ImportProblem("missing_value", column=_header_of(context, ref))
            at = parse_moment(context.cell(cells, "timestamp"), context.options)
            raw_value = context.cell(cells, "value")
            value = parse_number(raw_value, context.options) if raw_value else Decimal(0)
            value = fit(value, digits=14, places=2, text=raw_value)
        except ImportProblem as error:
            self.report.row_done(number, cells, [problem_of(error)], landed=False)
            return
        converted = context.cell(cells, "converted").lower() in YES
        self.paths[ref[:120]].append((at, channel[:120], converted, value))
        self.report.row_done(number, cells, [], landed=True)

    def finish(self) -> None:
        refs = iter(list(self.paths))
        while batch := list(islice(refs, JOURNEYS_PER_BATCH)):
            self._write(batch)
            self.context.beat()

    def _write(self, refs: list[str]) -> None:
        stored = {
            j.external_id: j
            for j in Journey.objects.filter(campaign_market=self.slice, external_id__in=refs)
        }
        self.report.created += sum(ref not in stored for ref in refs)
        self.report.updated += sum(ref in stored for ref in refs)
        if self.context.dry_run:
            return
        with transaction.atomic():
            for ref in refs:
                self._save(ref, stored.get(ref))

    def _keep_before(self, journey: Journey) -> None:
        ImportChange.objects.create(
            workspace_id=self.context.workspace_id,
            run=self.context.run,
            kind=ImportKind.JOURNEYS,
            object_id=journey.pk,
            previous=journey_state(journey),
        )

    def _save(self, ref: str, journey: Journey | None) -> None:
        touches = sorted(self.paths[ref], key=lambda t: t[0])
        converted = any(t[2] for t in touches)
        fields = {
            "converted": converted,
            "value": max(t[3] for t in touches),
            "currency": self.slice.currency,
            "converted_at": touches[-1][0] if converted else None,
        }
        if journey is None:
            journey = Journey.objects.create(
                workspace_id=self.context.workspace_id,
                campaign_market=self.slice,
                external_id=ref,
                source_import=self.context.run,
                **fields,
            )
        else:
            if journey.source_import_id != self.context.run.pk:
                self._keep_before(journey)
            Journey.objects.filter(pk=journey.pk).update(**fields)
            journey.touchpoints.all().delete()
        Touchpoint.objects.bulk_create(
            Touchpoint(
                workspace_id=self.context.workspace_id,
                journey=journey,
                position=i,
                channel=channel,
                at=at,
                partnership=self.handles.get(channel.lower().lstrip("@")),
            )
            for i, (at, channel, _converted, _value) in enumerate(touches)
        )


def journey_state(journey: Journey) -> dict:
    """A journey and its touches as plain data, for a rollback to put back."""
    return {
        "converted": journey.converted,
        "value": str(journey.value),
        "currency": journey.currency,
        "converted_at": journey.converted_at.isoformat() if journey.converted_at else None,
        "touchpoints": [
            {
                "position": t.position,
                "channel": t.channel,
                "at": t.at.isoformat(),
                "partnership_id": t.partnership_id,
            }
            for t in journey.touchpoints.all()
        ],
    }


def _header_of(context: Context, ref: str) -> str:
    target = "channel" if ref else "journey_id"
    index = context.columns.index_of(target)
    return context.header(index) if index is not None else target


def _campaign_market(context: Context) -> CampaignMarket:
    assert context.campaign is not None, "journeys always belong to a campaign"
    slices = context.campaign.markets.select_related("market")
    if context.market:
        slices = slices.filter(market__code=context.market)
    found = list(slices[:2])
    if len(found) != 1:
        raise ImportProblem("market_needed")
    return found[0]
