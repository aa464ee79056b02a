"""A rule made from findings carries them as evidence and their pooled effect."""

import math

import pytest

from aftercast.catalog.models import Market
from aftercast.debriefs.models import Debrief, Finding
from aftercast.learnings.services import learning_create_from_findings, pooled_lift
from aftercast.stats import pool_effects


def finding(debrief, code, lift, low, high):
    return Finding.objects.create(
        workspace_id=debrief.workspace_id,
        debrief=debrief,
        market=Market.objects.get(code=code),
        metric="ctr",
        effect_rel=lift,
        ci_low=low,
        ci_high=high,
    )


def test_two_markets_pool_into_one_rule_with_its_evidence(workspace, campaign):
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    found = [finding(debrief, "RU", 0.20, 0.05, 0.37), finding(debrief, "US", 0.25, 0.10, 0.42)]
    learning = learning_create_from_findings(
        workspace=workspace, findings=found, statement_en="High contrast lifts CTR", metric="ctr"
    )
    assert {m.code for m in learning.markets.all()} == {"RU", "US"}
    assert learning.evidence.count() == 2
    # The same pooling, done by hand on the log scale with the engine.
    logs = [math.log1p(0.20), math.log1p(0.25)]
    ses = [
        (math.log1p(h) - math.log1p(low)) / (2 * 1.959964)
        for low, h in [(0.05, 0.37), (0.10, 0.42)]
    ]
    expected = pool_effects(logs, [s**2 for s in ses], method="DL")
    assert learning.pooled_effect == pytest.approx(math.expm1(expected.estimate))
    assert 0.20 < learning.pooled_effect < 0.25


def test_identical_findings_pool_to_themselves_with_no_heterogeneity(workspace, campaign):
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    same = [finding(debrief, code, 0.2, 0.1, 0.31) for code in ("RU", "US")]
    pooled = pooled_lift(same)
    assert pooled["pooled_effect"] == pytest.approx(0.2)
    assert pooled["heterogeneity_i2"] == pytest.approx(0.0)
