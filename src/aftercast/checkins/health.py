"""The health of a campaign market mid-flight, and of each creator in it, from what is stored:
adherence (posts on time and to spec), performance (each KPI's pace to the end of the run
against its target), audience sentiment, and the seeds' trap of "optimising for the wrong
metric". A signal without data says what is missing instead of showing green. The thresholds
and the playbook are the workspace's (`rules`).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.briefs.expectations import benchmark_lookup
from aftercast.briefs.models import Brief
from aftercast.campaigns.models import CampaignMarket, Partnership
from aftercast.campaigns.selectors import active_partnerships
from aftercast.checkins import adherence, audience, focus, performance
from aftercast.checkins.flags import (
    ACT,
    ADHERENCE,
    FOCUS,
    MISSING,
    OK,
    PERFORMANCE,
    SENTIMENT,
    SIGNALS,
    WATCH,
    Flag,
    Thresholds,
    worst,
)  # fmt: skip
from aftercast.checkins.pace import accumulates
from aftercast.checkins.performance import KpiPace
from aftercast.checkins.rules import Rules, rules_for
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric
from aftercast.metrics.selectors import partnership_metrics

__all__ = ["ACT", "ADHERENCE", "FOCUS", "MISSING", "OK", "PERFORMANCE", "SENTIMENT", "WATCH",
           "CreatorHealth", "Flag", "MarketHealth", "market_health"]  # fmt: skip


@dataclass(frozen=True)
class CreatorHealth:
    """One creator's row of the traffic-light grid: the flags of each signal (none for a
    signal that does not apply to them)."""

    link: Partnership
    flags: dict[str, list[Flag]]
    paces: list[KpiPace] = field(default_factory=list)  # against their share of each target

    def severity(self, signal: str) -> str | None:
        found = self.flags.get(signal)
        return None if found is None else worst(flag.severity for flag in found)

    @property
    def cells(self) -> list[tuple[str, str | None, list[Flag]]]:
        return [(signal, self.severity(signal), self.flags.get(signal, [])) for signal in SIGNALS]

    @property
    def urgency(self) -> tuple:
        order = (ACT, WATCH, MISSING, OK)
        return tuple(sorted(order.index(s) for s in map(self.severity, SIGNALS) if s is not None))


@dataclass
class MarketHealth:
    piece: CampaignMarket
    today: dt.date
    flags: list[Flag] = field(default_factory=list)
    paces: list[KpiPace] = field(default_factory=list)
    daily: performance.Daily = field(default_factory=dict)
    comments: list[tuple[audience.Said, str]] = field(default_factory=list)
    creators: list[CreatorHealth] = field(default_factory=list)
    thresholds: Thresholds = Thresholds()

    def worst(self, signal: str) -> str:
        return worst(flag.severity for flag in self.flags if flag.signal == signal)

    @property
    def flagged(self) -> list[Flag]:
        return [flag for flag in self.flags if flag.severity in (ACT, WATCH)]


def market_health(
    piece: CampaignMarket,
    today: dt.date | None = None,
    rules: Rules | None = None,
    *,
    creators: bool = False,
) -> MarketHealth:
    """Every signal of one campaign market as of `today` (the reader's date by default); with
    `creators`, each creator's own row of signals as well."""
    today = today or timezone.localdate()
    rules = rules or rules_for(piece.workspace_id)
    thresholds = rules.thresholds
    links = list(active_partnerships(piece).select_related("account__creator", "account__platform"))
    for link in links:
        link.campaign_market = piece  # one market for all: not loaded again per row
    # The queries filter by the market's creators as a subquery, not a list of thousands of ids.
    scope = active_partnerships(piece).values("pk")
    health = MarketHealth(piece=piece, today=today, thresholds=thresholds)
    due = adherence.due_posts(scope, today, thresholds)
    planned = adherence.any_planned(scope)
    brief = Brief.objects.filter(campaign_market=piece).first()
    fees = performance.fees_of(links, today)
    shares = performance.shares_of(fees)
    health.daily = performance.daily_sums(scope)
    health.paces = performance.kpi_paces(brief, links, today, health.daily, fees)
    health.comments = audience.labelled_comments(scope, today)
    leading = []
    if focus.applies(health.paces) and links:
        primary = next(item.metric for item in health.paces if item.kpi.is_primary)
        values = partnership_metrics(links, only=(primary, *focus.ENGAGEMENT_METRICS), scope=scope)
        leading = focus.engaged_but_not_converting(piece, links, health.paces, values, shares)
    flags = [
        *adherence.adherence_flags(due, thresholds, bool(planned)),
        *performance.performance_flags(health.paces, piece.currency),
        *audience.sentiment_flags(health.comments, today, thresholds),
        *focus.focus_flags(piece, health.paces, leading),
    ]
    health.flags = rules.with_actions(flags)
    if creators:
        health.creators = _creator_rows(
            health, links, scope, due, planned, leading, rules, fees, shares
        )
    return health


def creator_paces(link: Partnership, today: dt.date | None = None) -> list[KpiPace]:
    """One creator's pace on each KPI of their market, against their share of each total,
    without reading the rest of the market's numbers (the creator's own page)."""
    today = today or timezone.localdate()
    piece = link.campaign_market
    brief = Brief.objects.filter(campaign_market=piece).first()
    links = list(active_partnerships(piece))
    if brief is None or link.pk not in {other.pk for other in links}:
        return []
    for other in links:
        other.campaign_market = piece
    fees = performance.fees_of(links, today)
    daily = performance.daily_sums_by_link([link.pk]).get(link.pk, {})
    return performance.link_paces(link, performance.shares_of(fees)[link.pk],
                                  performance.kpi_targets(brief), daily, today,
                                  fees[link.pk])  # fmt: skip


def _creator_rows(
    health: MarketHealth, rows, scope, due, planned: set[int], leading, rules: Rules, fees, shares
) -> list[CreatorHealth]:
    """Each creator's row (`rows`, read through `scope`), judged against their share of the
    market (`shares`)."""
    thresholds, piece = rules.thresholds, health.piece
    posts, comments = defaultdict(list), defaultdict(list)
    for post in due:
        posts[post.partnership_id].append(post)
    for comment, label in health.comments:
        comments[comment.partnership_id].append((comment, label))
    # Each creator is placed in the benchmark of the first KPI that has one, else of engagement:
    # rates only, as a total or a cost (a whole fee over part of the run) means nothing mid-run.
    placed = [metric for metric in dict.fromkeys([*(item.metric for item in health.paces),
                                                  *focus.ENGAGEMENT_METRICS])
              if not accumulates(metric) and "spend" not in get_metric(metric).inputs]  # fmt: skip
    daily = performance.daily_sums_by_link(scope) if health.paces else {}
    values = partnership_metrics(rows, only=placed, scope=scope) if health.paces else {}
    benchmark = benchmark_lookup(rows, placed, piece.campaign.category_id)
    named = {item.link.pk: item for item in leading}
    found = []
    for link in rows:
        flags: dict[str, list[Flag]] = {
            ADHERENCE: adherence.adherence_flags(posts[link.pk], thresholds, link.pk in planned),
            SENTIMENT: audience.sentiment_flags(comments[link.pk], health.today, thresholds),
        }
        paces: list[KpiPace] = []
        if health.paces:
            paces = performance.link_paces(link, shares[link.pk], health.paces,
                                           daily.get(link.pk, {}), health.today,
                                           fees[link.pk])  # fmt: skip
            flags[PERFORMANCE] = performance.performance_flags(paces, piece.currency)
            if words := _benchmark_words(link, placed, values, benchmark):
                flags[PERFORMANCE].append(Flag(PERFORMANCE, OK, words))
        else:
            flags[PERFORMANCE] = performance.performance_flags([], piece.currency)
        if focus.applies(health.paces):
            engaged = any(values.get(link.pk, {}).get(m) is not None
                          for m in focus.ENGAGEMENT_METRICS)  # fmt: skip
            flags[FOCUS] = [_focus_cell(named.get(link.pk), health.paces, piece.currency, engaged)]
        found.append(
            CreatorHealth(link, {k: rules.with_actions(v) for k, v in flags.items()}, paces)
        )
    found.sort(key=lambda row: (row.urgency, row.link.account.creator.name.lower()))
    return found


def _focus_cell(
    leading: focus.Leading | None, paces: list[KpiPace], currency: str, engaged: bool
) -> Flag:
    primary = next(item for item in paces if item.kpi.is_primary)
    if leading is None and primary.verdict == MISSING:
        return Flag(FOCUS, MISSING, _("Too early to tell: the primary KPI has no pace yet."))
    if leading is None and not engaged:
        return Flag(FOCUS, MISSING, _("No engagement numbers from this creator yet."))
    if leading is None:
        return Flag(FOCUS, OK, _("No sign of optimising for engagement over the primary KPI."))
    return Flag(
        FOCUS,
        primary.verdict,
        _("%(engagement)s at or above the benchmark while %(kpi)s lags.")
        % {
            "engagement": f"{get_metric(leading.metric).short} "
            f"{metric_value(leading.metric, leading.value, currency)}",
            "kpi": get_metric(primary.metric).name,
        },
        "wrong_metric",
    )


def _benchmark_words(link: Partnership, metrics: list[str], values, benchmark) -> str:
    """Where a creator's value so far stands in the benchmark of their market x tier x
    platform, for the first of `metrics` that has both."""
    for metric in metrics:
        value = values.get(link.pk, {}).get(metric)
        found = benchmark(link, metric) if value is not None else None
        if found is not None:
            return _placed_words(link, metric, value, found)
    return ""


def _placed_words(link: Partnership, metric: str, value: float, found) -> str:
    higher = get_metric(metric).higher_is_better
    low, high = (found.p25, found.p75) if higher else (found.p75, found.p25)
    better = (lambda a, b: a >= b) if higher else (lambda a, b: a <= b)
    currency = link.campaign_market.currency
    numbers = {
        "metric": get_metric(metric).name,
        "value": metric_value(metric, value, currency),
        "median": metric_value(metric, found.median, currency),
    }
    if better(value, high):
        return _("%(metric)s so far, %(value)s, is in the best quarter of the benchmark for "
                 "this market, tier and platform (median %(median)s).") % numbers  # fmt: skip
    if not better(value, low):
        return _("%(metric)s so far, %(value)s, is in the worst quarter of the benchmark for "
                 "this market, tier and platform (median %(median)s).") % numbers  # fmt: skip
    return _("%(metric)s so far, %(value)s, is within the middle half of the benchmark for "
             "this market, tier and platform (median %(median)s).") % numbers  # fmt: skip
