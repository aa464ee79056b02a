"""Which kind of failure a campaign was, suggested by rules from its data, each citing its
evidence, for people to confirm: measurement (the numbers cannot say whether the goal was met),
execution (the plan was not carried out), strategic (it was, and it did not work).
Measurement comes first: a missed KPI that was never measured says nothing about the plan."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftercast.campaigns.models import Deliverable
from aftercast.catalog.models import Market
from aftercast.checkins.flags import Thresholds
from aftercast.checkins.focus import CONVERSION_METRICS
from aftercast.checkins.rules import rules_for
from aftercast.core import formatting
from aftercast.debriefs.models import Debrief, FailureType, Verdict
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import get_metric

# Raw metrics that show a sale or sign-up was tracked at all.
CONVERSION_TRACKS = ("conversions", "signups", "orders", "revenue")


@dataclass(frozen=True)
class Suggestion:
    failure_type: str
    evidence: list[dict]  # [{"code": ..., "params": {...}}], said by `evidence_words`


def suggest(debrief: Debrief) -> Suggestion:
    measurement, execution, strategic = [], [], []
    verdicts = debrief.verdicts.select_related("campaign_market__market")
    for verdict in verdicts:
        piece = verdict.campaign_market
        market = piece.market.code
        if verdict.metric in CONVERSION_METRICS:
            sums = dict(
                Observation.objects.filter(partnership__campaign_market=piece)
                .values_list("metric")
                .annotate(total=Sum("value"))
            )
            tracked = sum(float(sums.get(metric) or 0) for metric in CONVERSION_TRACKS)
            clicks = float(sums.get("clicks") or 0)
            if tracked == 0 and clicks > 0:
                measurement.append(_item("no_conversions", market=market, clicks=int(clicks)))
                continue
        if verdict.verdict == Verdict.UNMEASURED:
            measurement.append(_item("unmeasured", market=market, metric=verdict.metric))
            continue
        if verdict.verdict in (Verdict.MISSED, Verdict.PARTIAL):
            strategic.append(_item("missed", market=market, metric=verdict.metric,
                                   verdict=verdict.verdict))  # fmt: skip
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
