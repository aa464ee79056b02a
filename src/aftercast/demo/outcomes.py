"""What the demo campaigns led to: check-ins, debriefs with real statistics, learnings, stories."""

import datetime as dt
import math
from decimal import Decimal
from typing import Any, cast

from django.utils import timezone

from aftercast.campaigns.models import Campaign, CampaignMarket
from aftercast.checkins.models import CheckIn, CheckInStatus
from aftercast.debriefs.models import (
    ActionItem,
    Debrief,
    DebriefStatus,
    Finding,
    MarketVerdict,
    TimelineEvent,
    Verdict,
)
from aftercast.demo import texts
from aftercast.learnings.models import Confidence, Learning, LearningEvidence, LearningStatus
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import get_metric
from aftercast.metrics.selectors import group_metrics
from aftercast.reports.models import Audience, CaseStudy
from aftercast.stats import compare_proportions, finding_guards, pool_effects


def checkin(slice_: CampaignMarket, today: dt.date) -> CheckIn:
    """Plan the check-in 40% into the run; hold it when that day has passed."""
    campaign = slice_.campaign
    day = campaign.starts_on + dt.timedelta(days=round(campaign.duration_days * 0.4))
    held = day < today
    language = "en" if slice_.market.code == "US" else "ru"
    return CheckIn.objects.create(
        workspace_id=slice_.workspace_id,
        campaign_market=slice_,
        scheduled_on=day,
        held_on=day if held else None,
        status=CheckInStatus.HELD if held else CheckInStatus.PLANNED,
        summary=texts.CHECKIN_SUMMARY[language] if held else "",
    )


def _verdict(metric: str, actual: float | None, target: float, minimum: float) -> str:
    if actual is None:
        return Verdict.UNMEASURED
    better = get_metric(metric).higher_is_better
    reached = (lambda bar: actual >= bar) if better else (lambda bar: actual <= bar)
    if reached(target):
        return Verdict.HIT
    return Verdict.PARTIAL if reached(minimum) else Verdict.MISSED


def verdicts(debrief: Debrief, campaign: Campaign) -> None:
    for slice_ in campaign.markets.select_related("market", "brief"):
        kpi = slice_.brief.primary_kpi
        assert kpi is not None, "every demo brief has a primary KPI"
        links = list(slice_.partnerships.select_related("account"))
        actual = group_metrics(links)[kpi.metric]
        MarketVerdict.objects.create(
            workspace_id=campaign.workspace_id,
            debrief=debrief,
            campaign_market=slice_,
            metric=kpi.metric,
            target=kpi.target,
            actual=Decimal(str(round(actual, 6))) if actual is not None else None,
            verdict=_verdict(kpi.metric, actual, float(kpi.target), float(kpi.minimum or 0)),
        )


def _arm_counts(slice_: CampaignMarket, arm) -> tuple[float, float]:
    rows = Observation.objects.filter(partnership__campaign_market=slice_, deliverable__arms=arm)
    clicks = sum(float(o.value) for o in rows if o.metric == "clicks")
    impressions = sum(float(o.value) for o in rows if o.metric == "impressions")
    return clicks, impressions


def ctr_finding(debrief: Debrief, slice_: CampaignMarket, variant) -> Finding | None:
    """Compare arm B's CTR with arm A's in one market, with the data-quality guards.

    The demo assigns arms by creator, so impressions have no planned split to check."""
    arm_a, arm_b = variant.arms.order_by("label")[:2]
    clicks_a, shown_a = _arm_counts(slice_, arm_a)
    clicks_b, shown_b = _arm_counts(slice_, arm_b)
    if min(clicks_a, clicks_b, shown_a, shown_b) <= 0:
        return None
    result = compare_proportions(int(clicks_a), int(shown_a), int(clicks_b), int(shown_b))
    assert result.lift is not None and result.lift_ci is not None
    return Finding.objects.create(
        workspace_id=debrief.workspace_id,
        debrief=debrief,
        variant=variant,
        market=slice_.market,
        arm_a=arm_a,
        arm_b=arm_b,
        metric="ctr",
        value_a=result.value_a,
        value_b=result.value_b,
        n_a=int(shown_a),
        n_b=int(shown_b),
        effect_abs=result.diff,
        effect_rel=result.lift,
        ci_low=result.lift_ci[0],
        ci_high=result.lift_ci[1],
        p_value=result.p_value,
        prob_b_better=result.prob_b_better,
        guards=list(finding_guards(int(shown_a), int(shown_b), result.lift, None)),
        statement=f"{arm_b.description} vs {arm_a.description}: CTR {result.lift:+.0%}",
    )


def debrief(campaign: Campaign, spec: dict) -> Debrief:
    status = DebriefStatus.DRAFT if spec.get("debrief") == "draft" else DebriefStatus.FINAL
    item = Debrief.objects.create(
        workspace_id=campaign.workspace_id,
        campaign=campaign,
        status=status,
        failure_type=spec["failure"],
        summary=f"{campaign.name}: "
        + (
            "every market reached its success metric."
            if spec["failure"] == "none"
            else "results split by market; see verdicts and findings."
        ),
        answers=texts.BLAMELESS,
    )
    verdicts(item, campaign)
    for variant in campaign.variants.all():
        for slice_ in campaign.markets.select_related("market"):
            ctr_finding(item, slice_, variant)
    TimelineEvent.objects.create(
        workspace_id=campaign.workspace_id,
        debrief=item,
        happened_on=campaign.starts_on,
        description="Campaign launched",
    )
    TimelineEvent.objects.create(
        workspace_id=campaign.workspace_id,
        debrief=item,
        happened_on=campaign.ends_on,
        description="Last post tracked",
    )
    ActionItem.objects.create(
        workspace_id=campaign.workspace_id,
        debrief=item,
        description="Test every tracking link with the creator before launch",
        owner="anna",
        due_on=campaign.ends_on + dt.timedelta(days=30),
        done=True,
    )
    return item


def _pooled(findings: list[Finding]) -> dict:
    """Pool the markets' log risk ratios (DerSimonian-Laird) into the rule's effect."""
    # Findings made by ctr_finding always carry a lift and its interval.
    logs = [math.log1p(cast(float, f.effect_rel)) for f in findings]
    ses = [
        (math.log1p(cast(float, f.ci_high)) - math.log1p(cast(float, f.ci_low))) / (2 * 1.959964)
        for f in findings
    ]
    pooled = pool_effects(logs, [se**2 for se in ses], method="DL")
    return {
        "pooled_effect": math.expm1(pooled.estimate),
        "pooled_ci_low": math.expm1(pooled.ci_low),
        "pooled_ci_high": math.expm1(pooled.ci_high),
        "heterogeneity_i2": pooled.i2,
        "heterogeneity_p": pooled.q_p_value,
        "tau2": pooled.tau2,
    }


LEARNINGS: list[dict[str, Any]] = [
    dict(
        dimension="creative_angle",
        metric="ctr",
        tiers=["micro", "mid"],
        en="High-contrast creative lifts CTR by about a fifth in both Russia and the US",
        ru="Высококонтрастный креатив поднимает CTR примерно на пятую часть и в России, и в США",
        status=LearningStatus.VALIDATED,
        confidence=Confidence.HIGH,
    ),
    dict(
        dimension="messaging",
        metric="ctr",
        tiers=["micro", "mid", "nano"],
        en="Humour and testimonials convert alike; choose by the creator's own voice",
        ru="Юмор и отзывы дают одинаковую конверсию: выбирайте по голосу самого блогера",
        status=LearningStatus.HYPOTHESIS,
        confidence=Confidence.LOW,
    ),
]
STANDALONE: list[dict[str, Any]] = [
    dict(
        metric="conversion_rate",
        tiers=["mid"],
        markets=["RU"],
        en="Mid-tier creators in Russia drive engagement, not purchases: judge them on ERR",
        ru="Средние блогеры в России дают вовлечённость, а не покупки: оценивайте их по ERR",
        status=LearningStatus.VALIDATED,
        confidence=Confidence.MEDIUM,
    ),
    dict(
        metric="cpa",
        tiers=["mid", "micro"],
        markets=["US"],
        en="In the US, mid-tier creators with discount codes reach CAC under $10",
        ru="В США средние блогеры с промокодами дают CAC ниже $10",
        status=LearningStatus.VALIDATED,
        confidence=Confidence.MEDIUM,
    ),
]


def learnings(workspace, markets: dict) -> None:
    for rule in LEARNINGS:
        findings = list(
            Finding.objects.filter(workspace=workspace, variant__dimension=rule["dimension"])
        )
        if len(findings) < 2:
            continue
        item = Learning.objects.create(
            workspace=workspace,
            statement_en=rule["en"],
            statement_ru=rule["ru"],
            status=rule["status"],
            confidence=rule["confidence"],
            metric=rule["metric"],
            tiers=rule["tiers"],
            campaign_types=["conversion", "awareness"],
            **_pooled(findings),
        )
        item.markets.set({f.market for f in findings if f.market is not None})
        LearningEvidence.objects.bulk_create(
            [LearningEvidence(workspace=workspace, learning=item, finding=f) for f in findings]
        )
    for rule in STANDALONE:
        item = Learning.objects.create(
            workspace=workspace,
            statement_en=rule["en"],
            statement_ru=rule["ru"],
            status=rule["status"],
            confidence=rule["confidence"],
            metric=rule["metric"],
            tiers=rule["tiers"],
        )
        item.markets.set([markets[code] for code in rule["markets"]])


VERDICT_RU = {
    "hit": "цель достигнута",
    "partial": "выше минимума, ниже цели",
    "missed": "цель не достигнута",
    "unmeasured": "не измерено",
}


def case_study(campaign: Campaign) -> CaseStudy:
    """Write a short story from the campaign's numbers, in both languages."""
    lines_en, lines_ru = [], []
    for verdict in campaign.debrief.verdicts.select_related("campaign_market__market"):
        metric = get_metric(verdict.metric)
        code = verdict.campaign_market.market.code
        actual = "—" if verdict.actual is None else f"{float(verdict.actual):.3g}"
        lines_en.append(
            f"{code}: {metric.key} {actual} against a target of "
            f"{float(verdict.target):.3g} ({verdict.verdict})."
        )
        lines_ru.append(
            f"{code}: {metric.key} {actual} при цели {float(verdict.target):.3g} "
            f"({VERDICT_RU[verdict.verdict]})."
        )
    return CaseStudy.objects.create(
        workspace_id=campaign.workspace_id,
        campaign=campaign,
        audience=Audience.BOTH,
        title_en=f"{campaign.name}: what worked in each market",
        title_ru=f"{campaign.name}: что сработало на каждом рынке",
        sections_en=[
            {"heading": "The challenge", "body": campaign.hypothesis},
            {"heading": "Results by market", "body": "\n".join(lines_en)},
        ],
        sections_ru=[
            {"heading": "Задача", "body": campaign.hypothesis},
            {"heading": "Результаты по рынкам", "body": "\n".join(lines_ru)},
        ],
        generated_at=timezone.now(),
    )
