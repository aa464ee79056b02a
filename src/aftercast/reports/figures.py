"""The numbers a case study stands on, read from the data: each market's metrics against its
target, its market x tier benchmark and the team's earlier campaigns in that market, and the
campaign as a whole in the reader's currency (money of every market converted at the rate of the
campaign's last day, so "2.1x ROAS overall: US 2.8x, RU 1.4x" adds up)."""

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q

from aftercast.campaigns.models import Campaign, CampaignMarket, CampaignStatus, Partnership
from aftercast.campaigns.selectors import REPORTING_CURRENCY
from aftercast.checkins.audience import labelled_comments
from aftercast.metrics import fx
from aftercast.metrics.models import Benchmark
from aftercast.metrics.registry import Unit, get_metric
from aftercast.metrics.selectors import (
    group_metrics,
    metrics_for,
    partnership_metrics,
    raw_sums_by_partnership,
)
from aftercast.reports.models import Audience
from aftercast.sentiment import NEGATIVE, UNKNOWN

MONEY_RAW = ("spend", "revenue")  # the raw sums in money: the rest are counts
if TYPE_CHECKING:
    from aftercast.briefs.models import KpiTarget

PAST_CAMPAIGNS = 5  # the earlier campaigns of a market a result is set against


def reader_currency(audience: str, language: str) -> str:
    """Russian readers count in roubles, US readers in dollars; a bridge study in the currency
    of the language it is read in."""
    if audience == Audience.RU or (audience == Audience.BOTH and language == "ru"):
        return "RUB"
    return "USD"


@dataclass
class MarketFigures:
    piece: CampaignMarket
    links: list[Partnership]
    values: dict[str, float | None]
    kpi: "KpiTarget | None"  # the brief's primary success metric
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)  # for its main tier
    past: float | None = None  # the primary metric's median over earlier campaigns here
    past_count: int = 0
    rate: float | None = None  # one unit of the market's currency in the reader's
    in_reader: dict[str, float] = field(default_factory=dict)  # money metrics, converted
    er: dict[int, float | None] = field(default_factory=dict)  # each creator's ER by reach
    negative: int = 0  # comments read as negative, of
    scored: int = 0  # the comments whose mood could be read

    @property
    def negative_share(self) -> float | None:
        return self.negative / self.scored if self.scored else None

    @property
    def primary(self) -> str | None:
        return self.kpi.metric if self.kpi is not None else None


@dataclass
class Figures:
    markets: list[MarketFigures]
    currency: str  # the reader's
    overall: dict[str, float | None]  # every market together, money in `currency`
    unconverted: list[str]  # markets left out of the overall figures for want of a rate

    @property
    def negative_share(self) -> float | None:
        scored = sum(item.scored for item in self.markets)
        return sum(item.negative for item in self.markets) / scored if scored else None


def _primary_kpi(piece: CampaignMarket):
    from aftercast.briefs.models import KpiTarget

    return (
        KpiTarget.objects.filter(brief__campaign_market=piece, brief__deleted_at__isnull=True)
        .order_by("-is_primary", "metric")
        .first()
    )


def _links(piece: CampaignMarket) -> list[Partnership]:
    return list(
        piece.partnerships.filter(deleted_at__isnull=True).select_related(
            "account__creator", "account__platform", "campaign_market"
        )
    )


def _most_common(values) -> object | None:
    found = Counter(value for value in values if value)
    return found.most_common(1)[0][0] if found else None


def _benchmarks(piece: CampaignMarket, links: list[Partnership]) -> dict[str, Benchmark]:
    """Each metric's benchmark for the market's main tier (the one most of its creators are
    in), the closest first: the campaign's product category, then every platform or the main
    platform."""
    tier = _most_common(link.account.tier for link in links)
    platform = _most_common(link.account.platform_id for link in links)
    if tier is None:
        return {}
    rows = Benchmark.objects.filter(
        workspace_id=piece.workspace_id, deleted_at__isnull=True, market_id=piece.market_id,
        tier=tier,
    ).filter(Q(platform__isnull=True) | Q(platform_id=platform)).filter(
        Q(category__isnull=True) | Q(category_id=piece.campaign.category_id))  # fmt: skip
    found: dict[str, Benchmark] = {}
    for row in sorted(rows, key=lambda b: (b.category_id is None, b.platform_id is not None)):
        found.setdefault(row.metric, row)
    return found


def _past(piece: CampaignMarket, metric: str) -> tuple[float | None, int]:
    earlier = (
        CampaignMarket.objects.filter(
            workspace_id=piece.workspace_id,
            market_id=piece.market_id,
            deleted_at__isnull=True,
            campaign__deleted_at__isnull=True,
            campaign__status=CampaignStatus.FINISHED,
            campaign__ends_on__lt=piece.campaign.starts_on,
        )  # fmt: skip
        .exclude(campaign_id=piece.campaign_id)
        .order_by("-campaign__ends_on")[:PAST_CAMPAIGNS]
    )
    found = []
    for other in earlier:
        value = group_metrics(_links(other)).get(metric)
        if value is not None:
            found.append(value)
    return (statistics.median(found) if found else None), len(found)


def _rate(piece: CampaignMarket, to: str, on: dt.date) -> float | None:
    """One unit of the market's currency in `to` on `on` (the latest earlier rate), through
    the reporting currency when no rate between the two was recorded (tenge to roubles)."""

    def one(currency: str, into: str) -> float | None:
        found = fx.convert(
            workspace=piece.workspace, amount=Decimal(1), currency=currency, to=into, on=on
        )
        return None if found is None else float(found.rate)

    direct = one(piece.currency, to)
    if direct is not None or REPORTING_CURRENCY in (piece.currency, to):
        return direct
    there, back = one(piece.currency, REPORTING_CURRENCY), one(REPORTING_CURRENCY, to)
    return None if there is None or back is None else there * back


def case_figures(campaign: Campaign, audience: str, language: str) -> Figures:
    pieces = list(
        campaign.markets.filter(deleted_at__isnull=True)
        .select_related("market", "campaign", "workspace")
        .order_by("market__code")
    )
    currency = reader_currency(audience, language)
    on = campaign.ends_on
    found: list[MarketFigures] = []
    counts: dict[str, float] = defaultdict(float)
    money: dict[str, float] = defaultdict(float)  # the markets with a rate, money converted
    unconverted: list[str] = []
    followers = 0
    for piece in pieces:
        links = _links(piece)
        values = group_metrics(links)
        item = MarketFigures(piece, links, values, _primary_kpi(piece))
        item.benchmarks = _benchmarks(piece, links)
        er_of = partnership_metrics(links, only=("er_reach",))
        item.er = {link.pk: er_of[link.pk]["er_reach"] for link in links}
        labels = [label for _said, label in labelled_comments(links, on) if label != UNKNOWN]
        item.negative, item.scored = sum(label == NEGATIVE for label in labels), len(labels)
        if item.primary:
            item.past, item.past_count = _past(piece, item.primary)
        rate = item.rate = _rate(piece, currency, on)
        if rate is not None:
            item.in_reader = {
                metric: value * rate
                for metric, value in values.items()
                if value is not None and get_metric(metric).unit is Unit.MONEY
            }
        found.append(item)

        sums: dict[str, float] = defaultdict(float)
        for per_link in raw_sums_by_partnership(link.pk for link in links).values():
            for metric, value in per_link.items():
                sums[metric] += value
        sums.setdefault("spend", float(sum((link.fee for link in links), Decimal(0))))
        followers += sum(link.account.followers for link in links)
        for metric, value in sums.items():
            counts[metric] += 0 if metric in MONEY_RAW else value
        if rate is None:
            unconverted.append(piece.market.name)
            continue
        for metric, value in sums.items():
            money[metric] += value * rate if metric in MONEY_RAW else value
    # A market without a rate still counts in reach, comments and rates; only the metrics
    # that stand on money leave it out (its spend cannot be added to the others').
    overall = {
        metric: value
        for metric, value in metrics_for(dict(counts), followers, Decimal(0)).items()
        if not _on_money(metric)
    }
    if money:
        overall |= {
            metric: value
            for metric, value in metrics_for(dict(money), followers, Decimal(0)).items()
            if _on_money(metric)
        }
    return Figures(found, currency, overall, unconverted)


def _on_money(metric: str) -> bool:
    definition = get_metric(metric)
    return metric in MONEY_RAW or any(name in MONEY_RAW for name in definition.inputs) or (
        definition.unit in (Unit.MONEY, Unit.MULTIPLE))  # fmt: skip
