"""Judging a finished campaign from its stored numbers: whether each market's success metric
was hit, and what each tested variant changed, with the statistics engine's guards."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Arm, Campaign, CampaignMarket, CampaignStatus, Variant
from aftercast.core import formatting
from aftercast.debriefs import failures, questions
from aftercast.debriefs.models import (
    ActionItem,
    Debrief,
    DebriefStatus,
    FailureType,
    Finding,
    MarketVerdict,
    TimelineEvent,
    Verdict,
)
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import get_metric
from aftercast.metrics.selectors import group_metrics
from aftercast.stats import compare_proportions, finding_guards, holm


def kpi_verdict(metric: str, actual: float | None, target: float, minimum: float) -> str:
    """Say whether `actual` hit the target, only the minimum, or neither (by the metric's
    direction: a CAC is hit from below)."""
    if actual is None:
        return Verdict.UNMEASURED
    better = get_metric(metric).higher_is_better
    reached = (lambda bar: actual >= bar) if better else (lambda bar: actual <= bar)
    if reached(target):
        return Verdict.HIT
    return Verdict.PARTIAL if reached(minimum) else Verdict.MISSED


@transaction.atomic
def debrief_judge_markets(*, debrief: Debrief) -> list[MarketVerdict]:
    """Record, per campaign market with a brief, its primary KPI against what was measured."""
    judged = []
    slices = debrief.campaign.markets.select_related("market", "brief")
    for slice_ in slices:
        kpi = getattr(getattr(slice_, "brief", None), "primary_kpi", None)
        if kpi is None:
            continue
        links = list(slice_.partnerships.select_related("account"))
        actual = group_metrics(links)[kpi.metric]
        judged.append(
            MarketVerdict.objects.create(
                workspace_id=debrief.workspace_id,
                debrief=debrief,
                campaign_market=slice_,
                metric=kpi.metric,
                target=kpi.target,
                actual=Decimal(str(round(actual, 6))) if actual is not None else None,
                verdict=kpi_verdict(kpi.metric, actual, float(kpi.target), float(kpi.minimum or 0)),
            )
        )
    return judged


def _arm_counts(slice_: CampaignMarket, arm: Arm) -> tuple[float, float]:
    rows = Observation.objects.filter(
        partnership__campaign_market=slice_,
        deliverable__arms=arm,
        metric__in=("clicks", "impressions"),
    ).values_list("metric", "value")
    clicks = sum(float(value) for metric, value in rows if metric == "clicks")
    impressions = sum(float(value) for metric, value in rows if metric == "impressions")
    return clicks, impressions


def finding_ctr_by_arm(
    *, debrief: Debrief, campaign_market: CampaignMarket, variant: Variant
) -> Finding | None:
    """Compare arm B's CTR with arm A's in one market (two-proportion test, lift with its
    interval, P(B > A)) and keep it with the data-quality guards; None when an arm has no
    clicks or impressions. Arms assigned by creator have no planned split to check."""
    arm_a, arm_b = variant.arms.order_by("label")[:2]
    clicks_a, shown_a = _arm_counts(campaign_market, arm_a)
    clicks_b, shown_b = _arm_counts(campaign_market, arm_b)
    if min(clicks_a, clicks_b, shown_a, shown_b) <= 0:
        return None
    result = compare_proportions(int(clicks_a), int(shown_a), int(clicks_b), int(shown_b))
    assert result.lift is not None and result.lift_ci is not None
    return Finding.objects.create(
        workspace_id=debrief.workspace_id,
        debrief=debrief,
        variant=variant,
        market=campaign_market.market,
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
    )


def compare_all_arms(debrief: Debrief) -> list[Finding]:
    """Every tested variant in every market, then the p-values adjusted across the debrief's
    findings (Holm): the more comparisons made, the more one of them looks lucky."""
    findings = []
    markets = debrief.campaign.markets.filter(deleted_at__isnull=True).select_related("market")
    for variant in debrief.campaign.variants.filter(deleted_at__isnull=True):
        if variant.arms.count() < 2:
            continue
        for piece in markets:
            found = finding_ctr_by_arm(debrief=debrief, campaign_market=piece, variant=variant)
            if found is not None:
                findings.append(found)
    if findings:
        p_values = [f.p_value if f.p_value is not None else 1.0 for f in findings]
        for finding, adjusted in zip(findings, holm(p_values), strict=True):
            finding.p_value_adjusted = adjusted
            finding.save(update_fields=["p_value_adjusted", "updated_at"])
    return findings


def finished(campaign: Campaign) -> bool:
    return campaign.status == CampaignStatus.FINISHED or campaign.ends_on < timezone.localdate()


@transaction.atomic
def start_debrief(campaign: Campaign) -> Debrief:
    """A draft debrief of a finished campaign, filled from its numbers: each market's primary
    KPI judged, and every tested variant compared, never typed in."""
    if campaign.deleted_at is not None or campaign.status == CampaignStatus.CANCELLED:
        raise ValidationError(_("A cancelled or removed campaign is not debriefed."))
    if not finished(campaign):
        raise ValidationError(
            _("The campaign runs until %(date)s: its debrief starts once it is over.")
            % {"date": formatting.date(campaign.ends_on)}
        )
    if Debrief.objects.filter(campaign=campaign).exists():
        raise ValidationError(_("This campaign already has a debrief."))
    debrief = Debrief.objects.create(
        workspace_id=campaign.workspace_id, campaign=campaign, status=DebriefStatus.DRAFT
    )
    debrief_judge_markets(debrief=debrief)
    compare_all_arms(debrief)
    suggestion = failures.suggest(debrief)
    debrief.failure_type = debrief.failure_suggested = suggestion.failure_type
    debrief.failure_evidence = suggestion.evidence
    debrief.save(update_fields=["failure_type", "failure_suggested", "failure_evidence"])
    return debrief


def confirm_failure(debrief: Debrief, failure_type: str, *, user=None) -> Debrief:
    """A person settles the failure type (the suggestion, or another)."""
    if failure_type not in FailureType.values:
        raise ValidationError({"failure_type": _("Choose a failure type from the list.")})
    debrief.failure_type = failure_type
    debrief.failure_confirmed_at = timezone.now()
    debrief.failure_confirmed_by = user if getattr(user, "is_authenticated", False) else None
    debrief.save(update_fields=["failure_type", "failure_confirmed_at", "failure_confirmed_by",
                                "updated_at"])  # fmt: skip
    return debrief


def answer_questions(debrief: Debrief, who: str, given: dict[str, str]) -> list[str]:
    """Add one participant's answers; return the workspace members their answers name (the
    page warns: a blameless answer speaks of roles)."""
    if not who.strip():
        raise ValidationError({"who": _("Say which role or team is answering.")})
    if not any(text.strip() for text in given.values()):
        raise ValidationError(_("Answer at least one question."))
    debrief.answers = questions.add_answers(debrief.answers, who, given)
    debrief.save(update_fields=["answers", "updated_at"])
    return questions.people_named(debrief.workspace_id, [who, *given.values()])


def add_event(debrief: Debrief, *, happened_on, description: str, kind: str = "other"):
    """Something that happened and mattered: a revision, an absence, a missing pixel..."""
    if not description.strip():
        raise ValidationError({"description": _("Say what happened.")})
    campaign = debrief.campaign
    if happened_on > max(campaign.ends_on, timezone.localdate()):
        raise ValidationError({"happened_on": _("That day has not come yet.")})
    return TimelineEvent.objects.create(
        workspace_id=debrief.workspace_id, debrief=debrief, happened_on=happened_on,
        kind=kind, description=description.strip(),
    )  # fmt: skip


def add_action_item(debrief: Debrief, *, description: str, owner: str = "", due_on=None):
    """A concrete change for next time, with who does it and by when."""
    if not description.strip():
        raise ValidationError({"description": _("Say what is to be done.")})
    return ActionItem.objects.create(
        workspace_id=debrief.workspace_id, debrief=debrief, description=description.strip(),
        owner=owner.strip(), due_on=due_on,
    )  # fmt: skip


def set_action_done(item: ActionItem, done: bool) -> ActionItem:
    item.done = done
    item.save(update_fields=["done", "updated_at"])
    return item
