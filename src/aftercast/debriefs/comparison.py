"""The markets side by side, each read the way its own team reads results (Russia leads with
engagement, community growth, reach and sentiment; the US with CAC, ROAS, conversion and order
value: the market's `lead_metrics`), money also in the reporting currency; and each tested
variant's arms per market beside all markets combined, with the Simpson's paradox guard."""

from dataclasses import dataclass, field

from aftercast.campaigns.models import CampaignMarket
from aftercast.campaigns.selectors import REPORTING_CURRENCY
from aftercast.checkins.audience import labelled_comments, negative_share
from aftercast.debriefs.analysis import SIMPSON
from aftercast.debriefs.charts import forest_groups
from aftercast.debriefs.judging import converted
from aftercast.debriefs.models import Debrief, Finding
from aftercast.metrics.selectors import group_metrics
from aftercast.sentiment import UNKNOWN


@dataclass
class MarketLead:
    piece: CampaignMarket
    # (metric, value in the market's currency, {"actual": value in USD...} or {})
    metrics: list[tuple[str, float | None, dict]] = field(default_factory=list)
    negative_share: float | None = None
    comments: int = 0

    @property
    def currency(self) -> str:
        return self.piece.currency


@dataclass
class ArmsAcross:
    """One variant on one metric: each market's arms and all markets combined."""

    title: str
    markets: list[Finding]
    pooled: Finding

    @property
    def paradox(self) -> bool:
        return SIMPSON in (self.pooled.guards or [])

    @property
    def combined_lift(self) -> float | None:
        """B over A with every market's counts added up: the crude total the Simpson's guard
        compares with each market (the pooled estimate weighs the markets instead)."""
        a, b = self.pooled.value_a, self.pooled.value_b
        return b / a - 1 if a and b is not None else None


@dataclass
class Comparison:
    leads: list[MarketLead]
    arms: list[ArmsAcross]
    reporting_currency: str = REPORTING_CURRENCY


def market_leads(debrief: Debrief) -> list[MarketLead]:
    leads = []
    ended = debrief.campaign.ends_on
    pieces = debrief.campaign.markets.filter(deleted_at__isnull=True).select_related("market")
    for piece in pieces.order_by("market__code"):
        links = list(piece.partnerships.filter(deleted_at__isnull=True).select_related("account"))
        values = group_metrics(links)
        lead = MarketLead(piece)
        for metric in piece.market.lead_metrics:
            value = values.get(metric)
            money = converted(debrief.workspace, metric, piece.currency, ended, actual=value)
            lead.metrics.append((metric, value, money))
        labels = [label for _said, label in labelled_comments(links, ended) if label != UNKNOWN]
        lead.comments = len(labels)
        lead.negative_share = negative_share(labels) if labels else None
        leads.append(lead)
    return leads


def comparison(debrief: Debrief) -> Comparison:
    findings = debrief.findings.filter(value_a__isnull=False).select_related(
        "variant", "market", "arm_a", "arm_b"
    )
    arms = [
        ArmsAcross(title, [f for f in items if f.market is not None], items[-1])
        for title, items in forest_groups(findings)
    ]
    return Comparison(market_leads(debrief), arms)
