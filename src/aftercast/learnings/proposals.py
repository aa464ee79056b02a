"""Rules drafted from debriefs: each debrief's clear findings, and tests that replicated across
campaigns, become hypotheses with their evidence linked, their statements written in each
language from the pooled lift, and their scope tags taken from what was tested."""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.core import formatting
from aftercast.debriefs import wording
from aftercast.debriefs.models import Finding
from aftercast.learnings import evidence
from aftercast.learnings.models import Learning, LearningEvidence, LearningKind
from aftercast.learnings.services import create_learning
from aftercast.metrics.registry import get_metric


def proposable(debrief) -> list[list[Finding]]:
    """The debrief's clear market findings, grouped into one rule per tested variant and
    metric: a difference established after the debrief's adjustment, with no data-quality
    warning, not yet evidence for a rule. Where the pooled finding shows the markets differ,
    each market gets its own rule: "that difference is the learning"."""
    groups: dict[tuple, list[Finding]] = {}
    linked = set(
        LearningEvidence.objects.filter(finding__debrief=debrief).values_list("finding", flat=True)
    )
    findings = list(debrief.findings.select_related("variant", "market", "arm_a", "arm_b"))
    differ = {
        (f.variant_id, f.metric)
        for f in findings
        if f.market_id is None and wording.markets_differ(f)
    }
    for finding in findings:
        if finding.variant_id is None or finding.market_id is None or finding.value_a is None:
            continue
        if not wording.is_clear(finding) or finding.pk in linked:
            continue
        pair = (finding.variant_id, finding.metric)
        key = (*pair, finding.market_id if pair in differ else None)
        groups.setdefault(key, []).append(finding)
    return list(groups.values())


def _statement(findings: list[Finding], pooled: float) -> str:
    first = findings[0]
    numbers = {
        "metric": get_metric(first.metric).short,
        "lift": formatting.percent(abs(pooled), digits=0),
        "a": first.arm_a.description or first.arm_a.label if first.arm_a else "A",
        "b": first.arm_b.description or first.arm_b.label if first.arm_b else "B",
        "markets": ", ".join(sorted({f.market.name for f in findings if f.market})),
    }
    if pooled >= 0:
        return _("%(metric)s rises by about %(lift)s with “%(b)s” instead of “%(a)s” "
                 "(%(markets)s).") % numbers  # fmt: skip
    return _("%(metric)s falls by about %(lift)s with “%(b)s” instead of “%(a)s” "
             "(%(markets)s).") % numbers  # fmt: skip


def scope_of(findings: list[Finding]) -> dict:
    """The scope tags a rule drawn from these findings gets: the tiers and platforms of the
    creators whose posts were tested, and the campaigns' types."""
    from aftercast.campaigns.models import Partnership

    links = Partnership.objects.filter(
        deleted_at__isnull=True,
        deliverables__arms__in=[arm for f in findings for arm in (f.arm_a, f.arm_b) if arm],
        campaign_market__market__in=[f.market for f in findings if f.market],
    ).select_related("account__platform")
    tiers = sorted({str(link.account.tier) for link in links if link.account.tier})
    platforms = {link.account.platform for link in links}
    types = sorted({f.debrief.campaign.campaign_type for f in findings})
    categories = sorted({category.name_en for f in findings
                         if (category := f.debrief.campaign.category) is not None})  # fmt: skip
    return {"tiers": tiers, "campaign_types": types, "platforms": platforms,
            "product_categories": categories}  # fmt: skip


def draft_rule(workspace, findings: list[Finding]) -> Learning:
    """A hypothesis from clear findings: its statement written in each language from their
    pooled lift, its scope tags from what was tested, the findings linked as evidence."""
    pooled = evidence.pooled_lift(findings)["pooled_effect"]
    said = {}
    for language in ("en", "ru"):
        with translation.override(language):
            said[language] = _statement(findings, pooled)
    first = findings[0]
    # B's change is worth repeating when it moves the metric the good way, else to avoid.
    good = (pooled >= 0) == get_metric(first.metric).higher_is_better
    return create_learning(
        workspace=workspace, findings=findings, statement_en=said["en"],
        statement_ru=said["ru"], metric=first.metric,
        kind=LearningKind.DO if good else LearningKind.AVOID,
        dimension=first.variant.dimension if first.variant else "",
        markets={f.market for f in findings if f.market is not None}, **scope_of(findings),
    )  # fmt: skip


@transaction.atomic
def propose_learnings(debrief) -> list[Learning]:
    """Draft rules (hypotheses) from the debrief's clear findings, one per tested variant and
    metric (per market where the markets differ); people edit and validate them."""
    return [draft_rule(debrief.workspace, findings) for findings in proposable(debrief)]


REPLICATED_CAMPAIGNS = 2  # a rule seen in this many campaigns is more than one lucky test


@transaction.atomic
def propose_replicated(workspace) -> list[Learning]:
    """Draft rules from clear findings of final debriefs that repeated across campaigns: the
    same kind of test (its dimension) on the same metric, in the same direction, in at least
    REPLICATED_CAMPAIGNS campaigns; split by market where markets point different ways.
    Findings already evidence for a rule are left to it."""
    from aftercast.debriefs.models import DebriefStatus

    clear = [
        f
        for f in Finding.objects.filter(
            workspace=workspace, debrief__status=DebriefStatus.FINAL, market__isnull=False,
            variant__isnull=False, value_a__isnull=False, evidence__isnull=True,
        ).select_related("variant", "market", "arm_a", "arm_b", "debrief__campaign")
        if wording.is_clear(f)
    ]  # fmt: skip
    groups: dict[tuple, list[Finding]] = {}
    for finding in clear:
        dimension = finding.variant.dimension if finding.variant else ""
        groups.setdefault((dimension, finding.metric), []).append(finding)
    drafts = []
    for found in groups.values():
        if len({f.effect_rel > 0 for f in found}) > 1:  # type: ignore[operator]
            split: dict[int | None, list[Finding]] = {}
            for finding in found:
                split.setdefault(finding.market_id, []).append(finding)
            parts = list(split.values())
        else:
            parts = [found]
        for part in parts:
            campaigns = {f.debrief.campaign_id for f in part}
            if len(campaigns) >= REPLICATED_CAMPAIGNS:
                drafts.append(draft_rule(workspace, part))
    return drafts
