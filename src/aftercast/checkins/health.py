"""The health of a campaign market mid-flight, from what is stored: adherence (posts on time and
to spec), performance (each KPI's pace to the end of the run against its target), audience
sentiment, and the seeds' trap of "optimising for the wrong metric". Each flag has a severity,
a reason in the reader's words and the playbook's actions; a signal without data says what is
missing instead of showing green.
"""

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from aftercast.briefs.expectations import benchmark_for
from aftercast.briefs.models import Brief, KpiTarget
from aftercast.campaigns.models import CampaignMarket, Deliverable, Partnership
from aftercast.campaigns.selectors import active_partnerships
from aftercast.checkins.pace import Pace, project
from aftercast.core import formatting
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.models import Comment, Observation
from aftercast.metrics.registry import get_metric
from aftercast.metrics.selectors import STOCK_METRICS, partnership_metrics
from aftercast.sentiment import NEGATIVE, UNKNOWN, label_of, score

OK, WATCH, ACT, MISSING = "ok", "watch", "act", "missing"
ADHERENCE, PERFORMANCE, SENTIMENT, FOCUS = "adherence", "performance", "sentiment", "focus"
# KPIs that mean the audience bought or signed up, and the engagement that can hide their lag.
CONVERSION_METRICS = {"conversions", "conversion_rate", "signups", "signup_rate", "orders", "cpa",
                      "roas", "revenue"}  # fmt: skip
ENGAGEMENT_METRICS = ("er_reach", "er_followers", "er_views")


@dataclass(frozen=True)
class Thresholds:
    """When a signal turns from ok to watch to act (the defaults, until a workspace sets its
    own)."""

    late_hours: int = 24  # a post this late after its planned time is late
    late_share_watch: float = 0.2
    late_share_act: float = 0.5
    spec_met_watch: float = 0.9
    spec_met_act: float = 0.7
    negative_share_watch: float = 0.15
    negative_share_act: float = 0.3
    trend_days: int = 7  # the recent window a sentiment trend compares with what came before


PLAYBOOK = {
    "late_posts": [
        gettext_lazy("Agree new dates with the creators who are late, in writing."),
        gettext_lazy("Move the check-in if the late posts decide the result."),
    ],
    "missing_specs": [
        gettext_lazy("Send the creators the spec items they missed before their next post."),
    ],
    "behind_target": [
        gettext_lazy("Share the numbers so far with the creators and agree what to change."),
        gettext_lazy("Shift budget to the creators and formats that are on pace."),
    ],
    "negative_sentiment": [
        gettext_lazy("Read the negative comments and answer the recurring complaint publicly."),
        gettext_lazy("Pause paid promotion of the posts drawing the most negative comments."),
    ],
    "wrong_metric": [
        gettext_lazy(
            "Re-brief the creators on what success means here: the primary KPI, not engagement."
        ),  # fmt: skip
        gettext_lazy("Add a clear call to action and the tracking link to the next posts."),
    ],
}


@dataclass(frozen=True)
class Flag:
    signal: str
    severity: str
    reason: str
    playbook: str = ""  # the key of the playbook's actions

    @property
    def actions(self) -> list[str]:
        return [str(action) for action in PLAYBOOK.get(self.playbook, [])]


@dataclass(frozen=True)
class KpiPace:
    kpi: KpiTarget
    pace: Pace
    verdict: str  # ok / watch / act / missing


@dataclass
class MarketHealth:
    piece: CampaignMarket
    today: dt.date
    flags: list[Flag] = field(default_factory=list)
    paces: list[KpiPace] = field(default_factory=list)

    def worst(self, signal: str) -> str:
        order = [ACT, WATCH, MISSING, OK]
        found = [flag.severity for flag in self.flags if flag.signal == signal]
        return min(found, key=order.index) if found else MISSING

    @property
    def flagged(self) -> list[Flag]:
        return [flag for flag in self.flags if flag.severity in (ACT, WATCH)]


def market_health(
    piece: CampaignMarket, today: dt.date | None = None, thresholds: Thresholds = Thresholds()
) -> MarketHealth:
    """Every signal of one campaign market as of `today` (the reader's date by default)."""
    today = today or timezone.localdate()
    links = list(
        active_partnerships(piece).select_related(
            "account__creator", "account__platform", "campaign_market"
        )
    )
    health = MarketHealth(piece=piece, today=today)
    health.flags += adherence_flags(piece, links, today, thresholds)
    brief = Brief.objects.filter(campaign_market=piece).first()
    health.paces = kpi_paces(piece, brief, links, today)
    health.flags += performance_flags(brief, links, health.paces)
    health.flags += sentiment_flags(links, today, thresholds)
    health.flags += focus_flags(piece, brief, links, health.paces)
    return health


# --- adherence -------------------------------------------------------------------------------


def adherence_flags(piece, links, today: dt.date, thresholds: Thresholds) -> list[Flag]:
    grace = dt.timedelta(hours=thresholds.late_hours)
    # Read at the end of `today`: a post is due once its grace period has passed by then.
    end_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.max))
    due = list(
        Deliverable.objects.filter(
            partnership__in=links, deleted_at__isnull=True, planned_at__lte=end_of_day - grace
        )
    )
    if not due:
        return [Flag(ADHERENCE, MISSING, _("No post was due yet."))]
    late = [p for p in due if p.published_at is None or p.published_at > p.planned_at + grace]
    share = len(late) / len(due)
    severity = _severity(share, thresholds.late_share_watch, thresholds.late_share_act)
    flags = [
        Flag(
            ADHERENCE,
            severity,
            ngettext(
                "Late or not out yet: %(late)s of %(due)s post due.",
                "Late or not out yet: %(late)s of %(due)s posts due.",
                len(due),
            )
            % {"late": len(late), "due": len(due)},
            "late_posts" if severity != OK else "",
        )
    ]
    items = [
        item
        for post in due
        if post.published_at
        for item in post.spec_checklist or []
        if isinstance(item, dict)  # an untyped JSON field: skip what is not an item
    ]
    if items:
        met = sum(bool(item.get("met")) for item in items) / len(items)
        severity = _severity(1 - met, 1 - thresholds.spec_met_watch, 1 - thresholds.spec_met_act)
        flags.append(
            Flag(
                ADHERENCE,
                severity,
                _("%(share)s of the content spec items were met.")
                % {"share": formatting.percent(met, digits=0)},
                "missing_specs" if severity != OK else "",
            )
        )
    return flags


def _severity(share: float, watch: float, act: float) -> str:
    """Severity of a share of bad things (late posts, negative comments)."""
    if share >= act:
        return ACT
    if share >= watch:
        return WATCH
    return OK


# --- performance -----------------------------------------------------------------------------


def daily_sums(links: list[Partnership]) -> dict[dt.date, dict[str, float]]:
    """{day: {raw metric: sum}} for a group of partnerships, in one query."""
    rows = (
        Observation.objects.filter(partnership__in=links)
        .exclude(metric__in=STOCK_METRICS)
        .values("observed_on", "metric")
        .annotate(total=Sum("value"))
    )
    daily: dict[dt.date, dict[str, float]] = defaultdict(dict)
    for row in rows:
        daily[row["observed_on"]][row["metric"]] = float(row["total"])
    return daily


def kpi_paces(piece, brief: Brief | None, links, today: dt.date) -> list[KpiPace]:
    if brief is None:
        return []
    campaign = piece.campaign
    daily = daily_sums(links)
    followers = sum(link.account.followers for link in links)
    fees = sum((link.fee for link in links), start=Decimal(0))
    paces = []
    for kpi in brief.kpis.order_by("-is_primary", "metric"):
        pace = project(
            kpi.metric,
            daily,
            starts_on=campaign.starts_on,
            ends_on=campaign.ends_on,
            today=today,
            followers=followers,
            fees=fees,
            seed=kpi.pk,
        )
        paces.append(KpiPace(kpi, pace, pace_verdict(kpi, pace)))
    return paces


def pace_verdict(kpi: KpiTarget, pace: Pace) -> str:
    """ok: heading for the target; watch: below it but the minimum (or the target) is still
    likely; act: even the interval's good end misses the minimum."""
    higher = get_metric(kpi.metric).higher_is_better
    if pace.missing == "no_value" and not higher:
        return ACT  # a cost with nothing to divide it by: spending with no result yet
    if pace.too_early:
        return MISSING
    target = float(kpi.target)
    floor = float(kpi.minimum) if kpi.minimum is not None else target

    def reaches(value: float, goal: float) -> bool:
        return value >= goal if higher else value <= goal

    assert pace.expected is not None and pace.low is not None and pace.high is not None
    best = pace.high if higher else pace.low
    if reaches(pace.expected, target):
        return OK
    if reaches(best, floor):
        return WATCH
    return ACT


def performance_flags(brief: Brief | None, links, paces: list[KpiPace]) -> list[Flag]:
    if brief is None or not paces:
        return [Flag(PERFORMANCE, MISSING, _("The brief has no KPI yet: nothing to pace against."))]
    currency = brief.campaign_market.currency
    flags = []
    for item in paces:
        kpi, pace = item.kpi, item.pace
        name = get_metric(kpi.metric).name

        def words(value: float | None, metric: str = kpi.metric) -> str:
            if value is None or not math.isfinite(value):
                return "—"
            return metric_value(metric, value, currency)

        if pace.missing == "no_value":
            reason = _(
                "%(metric)s cannot be worked out from the numbers so far: one of its inputs is "
                "zero or not reported (%(inputs)s)."
            ) % {"metric": name, "inputs": ", ".join(str(get_metric(i).name) for i in
                                                       get_metric(kpi.metric).inputs)}  # fmt: skip
        elif item.verdict == MISSING:
            reason = _("%(metric)s: too few days of numbers to project (%(days)s so far).") % {
                "metric": name,
                "days": pace.days_seen,
            }
        else:
            reason = _(
                "%(metric)s: heading for %(expected)s (likely %(low)s–%(high)s) by the end, "
                "against a target of %(target)s."
            ) % {
                "metric": name,
                "expected": words(pace.expected),
                "low": words(pace.low),
                "high": words(pace.high),
                "target": words(float(kpi.target)),
            }
        playbook = "behind_target" if item.verdict in (WATCH, ACT) else ""
        flags.append(Flag(PERFORMANCE, item.verdict, reason, playbook))
    return flags


# --- sentiment -------------------------------------------------------------------------------


def comment_label(comment: Comment) -> str:
    """A score imported with the comment overrides the scorer's."""
    if comment.sentiment is not None:
        return label_of(comment.sentiment)
    return score(comment.text, comment.language or None).label


def sentiment_flags(links, today: dt.date, thresholds: Thresholds) -> list[Flag]:
    comments = list(
        Comment.objects.filter(partnership__in=links, posted_at__date__lte=today).only(
            "text", "language", "sentiment", "posted_at"
        )
    )
    if not comments:
        return [Flag(SENTIMENT, MISSING, _("No audience comments imported yet."))]
    labelled = [(comment, comment_label(comment)) for comment in comments]
    scored = [(comment, label) for comment, label in labelled if label != UNKNOWN]
    unknown = len(labelled) - len(scored)
    if not scored:
        return [Flag(SENTIMENT, MISSING, _("No comment is in a language that can be scored."))]
    share = sum(label == NEGATIVE for _c, label in scored) / len(scored)
    severity = _severity(share, thresholds.negative_share_watch, thresholds.negative_share_act)
    reason = ngettext(
        "%(share)s of %(count)s comment is negative.",
        "%(share)s of %(count)s comments are negative.",
        len(scored),
    ) % {
        "share": formatting.percent(share, digits=0),
        "count": len(scored),
    }
    since = today - dt.timedelta(days=thresholds.trend_days)
    recent = [label for comment, label in scored if timezone.localdate(comment.posted_at) > since]
    earlier = [label for comment, label in scored if timezone.localdate(comment.posted_at) <= since]
    if recent and earlier:
        now = sum(label == NEGATIVE for label in recent) / len(recent)
        before = sum(label == NEGATIVE for label in earlier) / len(earlier)
        numbers = {
            "now": formatting.percent(now, digits=0),
            "before": formatting.percent(before, digits=0),
            "days": thresholds.trend_days,
        }
        if now > before + 0.05:
            reason += (
                " "
                + ngettext(
                    "The negative share is rising: %(now)s in the last %(days)s day against "
                    "%(before)s before.",
                    "The negative share is rising: %(now)s in the last %(days)s days against "
                    "%(before)s before.",
                    thresholds.trend_days,
                )
                % numbers
            )
        elif now < before - 0.05:
            reason += (
                " "
                + ngettext(
                    "The negative share is falling: %(now)s in the last %(days)s day against "
                    "%(before)s before.",
                    "The negative share is falling: %(now)s in the last %(days)s days against "
                    "%(before)s before.",
                    thresholds.trend_days,
                )
                % numbers
            )
    if unknown:
        reason += " " + ngettext(
            "%(count)s comment in another language was not scored.",
            "%(count)s comments in other languages were not scored.",
            unknown,
        ) % {"count": unknown}
    return [Flag(SENTIMENT, severity, reason, "negative_sentiment" if severity != OK else "")]


# --- optimising for the wrong metric ---------------------------------------------------------


def focus_flags(piece, brief: Brief | None, links, paces: list[KpiPace]) -> list[Flag]:
    """The seeds' failure: creators hit the engagement a market's readers lead with while the
    KPI the brief chose (conversions) lags. Named, so the re-brief goes to the right people."""
    primary = next((item for item in paces if item.kpi.is_primary), None)
    if primary is None or primary.kpi.metric not in CONVERSION_METRICS:
        return []
    if primary.verdict not in (WATCH, ACT):
        return []
    values = partnership_metrics(links)
    category = piece.campaign.category_id
    kpi = primary.kpi
    higher = get_metric(kpi.metric).higher_is_better
    leading = []
    for link in links:
        own = values[link.pk].get(kpi.metric)
        target = float(kpi.target)
        if own is not None and (own >= target if higher else own <= target):
            continue  # this creator converts: the re-brief is not for them
        for metric in ENGAGEMENT_METRICS:
            value = values[link.pk].get(metric)
            benchmark = benchmark_for(link, metric, category) if value is not None else None
            if value is not None and benchmark is not None and value >= benchmark.median:
                leading.append((link, metric, value))
                break
    if not leading:
        return []
    names = ", ".join(
        f"{link.account.creator.name} ({get_metric(metric).short} "
        f"{metric_value(metric, value, piece.currency)})"
        for link, metric, value in leading
    )
    reason = _(
        "Engagement is at or above the benchmark (%(names)s) while the primary KPI, %(kpi)s, "
        "lags: the creators may be optimising for the wrong metric."
    ) % {"names": names, "kpi": get_metric(primary.kpi.metric).name}
    return [Flag(FOCUS, primary.verdict, reason, "wrong_metric")]
