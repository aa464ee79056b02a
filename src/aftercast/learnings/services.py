"""Turning findings from several campaigns and markets into a rule with pooled evidence."""

import math
from typing import cast

from django.db import transaction

from aftercast.debriefs.models import Finding
from aftercast.learnings.models import Learning, LearningEvidence
from aftercast.stats import pool_effects

Z_95 = 1.959964


def pooled_lift(findings: list[Finding]) -> dict:
    """Pool the findings' log risk ratios (DerSimonian-Laird random effects) into one lift
    with its 95% interval and the heterogeneity between markets (I², Q's p-value, τ²).

    Each finding's standard error is read back from its lift interval: the interval is
    symmetric on the log scale, so its half-width over z is the SE."""
    logs = [math.log1p(cast(float, f.effect_rel)) for f in findings]
    ses = [
        (math.log1p(cast(float, f.ci_high)) - math.log1p(cast(float, f.ci_low))) / (2 * Z_95)
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


@transaction.atomic
def learning_create_from_findings(*, workspace, findings: list[Finding], **fields) -> Learning:
    """Create a rule whose evidence is `findings` (each with a lift and its interval), its
    pooled effect computed from them and its markets those of the findings."""
    learning = Learning.objects.create(workspace=workspace, **fields, **pooled_lift(findings))
    learning.markets.set({f.market for f in findings if f.market is not None})
    LearningEvidence.objects.bulk_create(
        [LearningEvidence(workspace=workspace, learning=learning, finding=f) for f in findings]
    )
    return learning


def apply_learning(learning: Learning, brief, *, applied: bool) -> bool:
    """Record (or take back) that a brief follows this rule, so its debrief can say whether
    the rule held."""
    if applied:
        learning.applied_in.add(brief)
    else:
        learning.applied_in.remove(brief)
    return applied
