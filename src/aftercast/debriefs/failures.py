"""Which kind of failure a campaign was, suggested by rules from its data, each citing its
evidence, for people to confirm: measurement (the numbers cannot say whether the goal was met),
execution (the plan was not carried out), strategic (it was, and it did not work).
Measurement comes first: a missed KPI that was never measured says nothing about the plan."""

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftercast.campaigns.models import Deliverable
from aftercast.catalog.models import Market
from aftercast.checkins.flags import Thresholds
from aftercast.checkins.focus import CONVERSION_METRICS
from aftercast.checkins.rules import rules_for
from aftercast.core import formatting
from aftercast.debriefs.judging import CONVERSION_TRACKS, tracking_gap
from aftercast.debriefs.models import Debrief, FailureType, Verdict
from aftercast.metrics.models import Journey, Observation
from aftercast.metrics.registry import get_metric
from aftercast.metrics.selectors import metrics_for


@dataclass(frozen=True)
class Suggestion:
    failure_type: str
    evidence: list[dict]  # [{"code": ..., "params": {...}}], said by `evidence_words`


def suggest(debrief: Debrief) -> Suggestion:
    measurement, execution, strategic = [], [], []
    verdicts = debrief.verdicts.select_related("campaign_market__market", "campaign_market__brief")
    for verdict in verdicts:
        piece = verdict.campaign_market
        market = piece.market.code
        sums = dict(
            Observation.objects.filter(partnership__campaign_market=piece)
            .values_list("metric")
            .annotate(total=Sum("value"))
        )
        if verdict.metric in CONVERSION_METRICS:
            if tracking_gap(sums):
                clicks = int(sums["clicks"])
                measurement.append(_item("no_conversions", market=market, clicks=clicks))
                continue
            measurement += _untracked_posts(piece, market)
            measurement += _short_window(piece, market)
        if verdict.verdict == Verdict.UNMEASURED:
            other = _measured_instead(verdict.metric, sums)
            if other:
                measurement.append(_item("other_metric", market=market, metric=verdict.metric,
                                         other=other))  # fmt: skip
            else:
                measurement.append(_item("unmeasured", market=market, metric=verdict.metric))
            continue
        if verdict.verdict in (Verdict.MISSED, Verdict.PARTIAL):
            strategic.append(_item("missed", market=market, metric=verdict.metric,
                                   verdict=verdict.verdict))  # fmt: skip
    judged = {verdict.campaign_market_id for verdict in verdicts}
    unjudged = debrief.campaign.markets.filter(deleted_at__isnull=True).exclude(pk__in=judged)
    for piece in unjudged.select_related("market").order_by("market__code"):
        measurement.append(_item("no_kpi", market=piece.market.code))
    late = _late_posts(debrief, rules_for(debrief.workspace_id).thresholds)
    if late is not None and (strategic or measurement):
        execution.append(late)
    if measurement:
        return Suggestion(FailureType.MEASUREMENT, measurement + execution)
    if execution:
        return Suggestion(FailureType.EXECUTION, execution + strategic)
    if strategic:
        return Suggestion(FailureType.STRATEGIC, strategic)
    return Suggestion(FailureType.NONE, [])


# Metrics that answer the same question as a brief's KPI from other data: when the KPI could not
# be computed but one of these could, the result was read on a metric nobody agreed to.
SIBLINGS = {
    "conversion_rate": ("signup_rate", "follow_rate", "ctr"),
    "cpa": ("cpc", "cpe", "cpm"),
    "roas": ("cpa", "cpc"),
    "signup_rate": ("conversion_rate", "follow_rate", "ctr"),
    "er_reach": ("er_followers", "er_views"),
    "er_views": ("er_reach", "er_followers"),
    "er_followers": ("er_reach", "er_views"),
    "aov": ("cpa",),
}


def _measured_instead(metric: str, sums: dict) -> str | None:
    values = metrics_for({k: float(v) for k, v in sums.items()}, 0, Decimal(0),
                         SIBLINGS.get(metric, ()))  # fmt: skip
    return next((key for key, value in values.items() if value is not None), None)


# A post whose clicks should have brought this many conversions at the market's own rate and
# brought none is a tracking gap, not bad luck (a Poisson chance of e^-5, under 1 %).
EXPECTED_CONVERSIONS = 5


def _untracked_posts(piece, market: str) -> list[dict]:
    """Posts of a market that converts elsewhere, whose clicks recorded no conversion."""
    rows = (
        Observation.objects.filter(partnership__campaign_market=piece, deliverable__isnull=False,
                                   metric__in=("clicks", *CONVERSION_TRACKS[:3]))
        .values_list("deliverable_id", "metric")
        .annotate(total=Sum("value"))
    )  # fmt: skip
    clicks: dict[int, float] = {}
    converted: dict[int, float] = {}
    for post, metric, total in rows:
        bucket = clicks if metric == "clicks" else converted
        bucket[post] = bucket.get(post, 0.0) + float(total)
    rate = sum(converted.values()) / sum(clicks.values()) if clicks else 0.0
    silent = [post for post, count in clicks.items()
              if not converted.get(post) and count * rate >= EXPECTED_CONVERSIONS]  # fmt: skip
    if not silent:
        return []
    return [_item("untracked_posts", market=market, posts=len(silent), total=len(clicks))]


# Converted journeys that took longer than the brief's window: from this share, the window cut
# the sales cycle short and the conversions it counted understate the result.
LATE_JOURNEYS_SHARE = 0.25


def _short_window(piece, market: str) -> list[dict]:
    brief = getattr(piece, "brief", None)
    if brief is None:
        return []
    lags = []
    journeys = (
        Journey.objects.filter(campaign_market=piece, converted=True, converted_at__isnull=False)
        .annotate(first=Min("touchpoints__at"))
        .values_list("first", "converted_at")
    )
    for first, converted_at in journeys:
        if first is not None and converted_at >= first:
            lags.append((converted_at - first).total_seconds() / 86_400)
    if not lags:
        return []
    window = brief.conversion_window_days
    beyond = sum(1 for lag in lags if lag > window)
    if beyond / len(lags) < LATE_JOURNEYS_SHARE:
        return []
    return [_item("short_window", market=market, window=window, beyond=beyond, total=len(lags),
                  median=round(statistics.median(lags), 1))]  # fmt: skip


def _late_posts(debrief: Debrief, thresholds: Thresholds) -> dict | None:
    """Evidence of an execution failure: at least the 'act' share of posts late or not out."""
    posts = list(
        Deliverable.objects.filter(
            partnership__campaign_market__campaign=debrief.campaign, deleted_at__isnull=True
        ).values_list("planned_at", "published_at")
    )
    if not posts:
        return None
    grace = dt.timedelta(hours=thresholds.late_hours)
    late = sum(1 for planned, out in posts if out is None or out > planned + grace)
    if late / len(posts) < thresholds.late_share_act:
        return None
    return _item("late_posts", late=late, total=len(posts))


def _item(code: str, **params) -> dict:
    return {"code": code, "params": params}


def evidence_words(item: dict) -> str:
    """One piece of evidence in the reader's language."""
    code, params = item.get("code"), dict(item.get("params") or {})
    if "metric" in params:
        params["metric"] = get_metric(params["metric"]).name
    if "market" in params:  # kept as its code, read as its name in the reader's language
        market = Market.objects.filter(code=params["market"]).first()
        params["market"] = market.name if market else params["market"]
    if code == "no_conversions":
        return _(
            "%(market)s: %(clicks)s clicks and not one conversion recorded — the tracking "
            "(pixel, link or code) most likely failed, so the result was never measured."
        ) % {**params, "clicks": formatting.number(params["clicks"], digits=0)}
    if code == "other_metric":
        params["other"] = get_metric(params["other"]).name
        return (
            _(
                "%(market)s: the brief judged success by %(metric)s, but what was recorded "
                "measures %(other)s instead — the result was read on a metric nobody agreed to."
            )
            % params
        )
    if code == "untracked_posts":
        return (
            ngettext(
                "%(market)s: %(posts)s of %(total)s posts with clicks recorded no conversion where "
                "the market's own rate expects several — its tracking most likely failed.",
                "%(market)s: %(posts)s of %(total)s posts with clicks recorded no conversion where "
                "the market's own rate expects several — their tracking most likely failed.",
                params["posts"],
            )
            % params
        )
    if code == "short_window":
        return _(
            "%(market)s: %(beyond)s of %(total)s converted journeys took longer than the brief's "
            "%(window)s-day conversion window (median %(median)s days): the window cut the sales "
            "cycle short, so conversions were undercounted."
        ) % {**params, "median": formatting.number(params["median"], digits=1)}
    if code == "no_kpi":
        return (
            _(
                "%(market)s: its brief set no success metric, so whether it succeeded cannot "
                "be said."
            )
            % params
        )
    if code == "unmeasured":
        return _("%(market)s: %(metric)s could not be computed from what was recorded.") % params
    if code == "late_posts":
        return (
            ngettext(
                "%(late)s of %(total)s post went out late or not at all.",
                "%(late)s of %(total)s posts went out late or not at all.",
                params["total"],
            )
            % params
        )
    if code == "missed":
        if params.get("verdict") == Verdict.PARTIAL:
            return _("%(market)s: %(metric)s reached only its minimum, as measured.") % params
        return _("%(market)s: %(metric)s missed its target, as measured.") % params
    return str(code)
