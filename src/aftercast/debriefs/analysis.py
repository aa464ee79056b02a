"""What each tested variant changed: its arms compared in every market on each rate both arms
recorded (clicks per impression, conversions per click), then pooled across markets with the
test of whether the markets differ ("that difference is the learning"), and every p-value
adjusted across the debrief (Holm)."""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum
from scipy import stats as scipy_stats

from aftercast.campaigns.models import Arm, CampaignMarket, Variant
from aftercast.debriefs.models import Debrief, Finding
from aftercast.metrics.models import Observation
from aftercast.stats import compare_proportions, finding_guards, holm
from aftercast.stats.pooling import log_risk_ratio, pool_effects
from aftercast.stats.simpson import Stratum, simpson_check

# The rates an A/B test is read on: (metric, successes, trials).
RATES = (("ctr", "clicks", "impressions"), ("conversion_rate", "conversions", "clicks"))
SIMPSON = "simpson"  # guard: the pooled direction contradicts every market's


@dataclass(frozen=True)
class Measured:
    """One market's counts for a variant's two arms on one rate, and the finding's fields."""

    piece: CampaignMarket
    metric: str
    stratum: Stratum


def arms_of(variant: Variant) -> tuple[Arm, Arm] | None:
    arms = list(variant.arms.order_by("label")[:2])
    return (arms[0], arms[1]) if len(arms) == 2 else None


def arm_sums(piece: CampaignMarket, arms: tuple[Arm, Arm]) -> dict[int, dict[str, float]]:
    """{arm id: {raw metric: sum}} for the two arms in one market, in one query."""
    needed = {name for _metric, *parts in RATES for name in parts}
    rows = (
        Observation.objects.filter(
            partnership__campaign_market=piece, deliverable__arms__in=arms, metric__in=needed
        )
        .values("deliverable__arms", "metric")
        .annotate(total=Sum("value"))
    )
    sums: dict[int, dict[str, float]] = defaultdict(dict)
    for row in rows:
        sums[row["deliverable__arms"]][row["metric"]] = float(row["total"])
    return sums


def measured(piece: CampaignMarket, arms: tuple[Arm, Arm]) -> list[Measured]:
    """The rates both arms recorded in this market, with at least one success in each (a rate
    of zero in an arm is a tracking question, not an effect)."""
    sums = arm_sums(piece, arms)
    a, b = sums.get(arms[0].pk, {}), sums.get(arms[1].pk, {})
    found = []
    for metric, successes, trials in RATES:
        counts = [int(a.get(successes, 0)), int(a.get(trials, 0)),
                  int(b.get(successes, 0)), int(b.get(trials, 0))]  # fmt: skip
        if min(counts) <= 0 or counts[0] > counts[1] or counts[2] > counts[3]:
            continue
        found.append(Measured(piece, metric, Stratum(*counts)))
    return found


def market_finding(variant: Variant, arms: tuple[Arm, Arm], m: Measured) -> dict:
    s = m.stratum
    result = compare_proportions(s.successes_a, s.trials_a, s.successes_b, s.trials_b)
    assert result.lift is not None and result.lift_ci is not None
    return dict(
        variant=variant, market=m.piece.market, metric=m.metric, arm_a=arms[0], arm_b=arms[1],
        value_a=result.value_a, value_b=result.value_b, n_a=s.trials_a, n_b=s.trials_b,
        effect_abs=result.diff, effect_rel=result.lift, ci_low=result.lift_ci[0],
        ci_high=result.lift_ci[1], p_value=result.p_value, prob_b_better=result.prob_b_better,
        guards=list(finding_guards(s.trials_a, s.trials_b, result.lift, None)),
        heterogeneity_i2=None, interaction_p=None,
    )  # fmt: skip


def pooled_finding(variant: Variant, arms: tuple[Arm, Arm], metric: str, strata) -> dict:
    """The markets' effects pooled (random effects on the log risk ratio, DerSimonian-Laird),
    with Cochran's Q as the test of market x variant interaction: with two markets it is the
    z-test of their difference. P(B better) reads the pooled estimate's normal distribution."""
    logs = [log_risk_ratio(s.successes_a, s.trials_a, s.successes_b, s.trials_b) for s in strata]
    pooled = pool_effects([y for y, _v in logs], [v for _y, v in logs], method="DL")
    z = pooled.estimate / pooled.se
    x_a, n_a = sum(s.successes_a for s in strata), sum(s.trials_a for s in strata)
    x_b, n_b = sum(s.successes_b for s in strata), sum(s.trials_b for s in strata)
    lift = math.expm1(pooled.estimate)
    guards = list(finding_guards(n_a, n_b, lift, None))
    if simpson_check(strata).paradox:
        guards.append(SIMPSON)
    return dict(
        variant=variant, market=None, metric=metric, arm_a=arms[0], arm_b=arms[1],
        value_a=x_a / n_a, value_b=x_b / n_b, n_a=n_a, n_b=n_b, effect_abs=x_b / n_b - x_a / n_a,
        effect_rel=lift, ci_low=math.expm1(pooled.ci_low), ci_high=math.expm1(pooled.ci_high),
        p_value=float(2 * scipy_stats.norm.sf(abs(z))),
        prob_b_better=float(scipy_stats.norm.cdf(z)), guards=guards,
        heterogeneity_i2=pooled.i2, interaction_p=pooled.q_p_value,
    )  # fmt: skip


def computed_findings(debrief: Debrief) -> list[dict]:
    """Every finding the data supports now, as Finding fields, p-values adjusted (Holm)."""
    rows: list[dict] = []
    pieces = list(
        debrief.campaign.markets.filter(deleted_at__isnull=True)
        .select_related("market")
        .order_by("market__code")
    )
    for variant in debrief.campaign.variants.filter(deleted_at__isnull=True).order_by("pk"):
        arms = arms_of(variant)
        if arms is None:
            continue
        by_metric: dict[str, list[Stratum]] = defaultdict(list)
        for piece in pieces:
            for m in measured(piece, arms):
                rows.append(market_finding(variant, arms, m))
                by_metric[m.metric].append(m.stratum)
        for metric, strata in by_metric.items():
            if len(strata) > 1:
                rows.append(pooled_finding(variant, arms, metric, strata))
    adjusted = holm([row["p_value"] for row in rows]) if rows else []
    for row, p in zip(rows, adjusted, strict=True):
        row["p_value_adjusted"] = p
    return rows


def key_of(variant_id, market_id, metric: str) -> tuple:
    return (variant_id, market_id, metric)


def save_findings(debrief: Debrief) -> list[Finding]:
    """Write the computed findings, updating those already stored in place (a rule that cites
    one as evidence keeps it); a stored one the data no longer supports is removed."""
    computed = debrief.findings.filter(value_a__isnull=False)  # not the qualitative ones
    stored = {key_of(f.variant_id, f.market_id, f.metric): f for f in computed}
    kept = []
    for row in computed_findings(debrief):
        key = key_of(row["variant"].pk, row["market"].pk if row["market"] else None, row["metric"])
        finding = stored.pop(key, None) or Finding(
            workspace_id=debrief.workspace_id, debrief=debrief
        )
        for name, value in row.items():
            setattr(finding, name, value)
        finding.save()
        kept.append(finding)
    for gone in stored.values():
        gone.delete()
    return kept
