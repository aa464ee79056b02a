"""A rule made from findings carries them as evidence and their pooled effect, pooled from
the findings' counts (not read back from their rounded intervals)."""

import math

import pytest

from aftercast.catalog.models import Market
from aftercast.debriefs.models import Debrief, Finding
from aftercast.learnings.evidence import pooled_lift
from aftercast.learnings.services import create_learning
from aftercast.stats import pool_effects
from aftercast.stats.pooling import log_risk_ratio


def finding(debrief, code, clicks_a, clicks_b, shown=10_000):
    return Finding.objects.create(
        workspace_id=debrief.workspace_id,
        debrief=debrief,
        market=Market.objects.get(code=code),
        metric="ctr",
        value_a=clicks_a / shown,
        value_b=clicks_b / shown,
        n_a=shown,
        n_b=shown,
        effect_rel=clicks_b / clicks_a - 1,
    )


def test_two_markets_pool_into_one_rule_with_its_evidence(workspace, campaign):
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    found = [finding(debrief, "RU", 200, 240), finding(debrief, "US", 300, 375)]
    learning = create_learning(
        workspace=workspace,
        findings=found,
        statement_en="High contrast lifts CTR",
        metric="ctr",
        markets=[f.market for f in found],
    )
    assert {m.code for m in learning.markets.all()} == {"RU", "US"}
    assert learning.evidence.count() == 2
    # The same pooling, done by hand on the log scale with the engine.
    logs = [log_risk_ratio(200, 10_000, 240, 10_000), log_risk_ratio(300, 10_000, 375, 10_000)]
    expected = pool_effects([y for y, _ in logs], [v for _, v in logs], method="DL")
    assert learning.pooled_effect == pytest.approx(math.expm1(expected.estimate))
    assert (learning.pooled_ci_low, learning.pooled_ci_high) == pytest.approx(
        (math.expm1(expected.ci_low), math.expm1(expected.ci_high))
    )
    assert 0.20 < learning.pooled_effect < 0.25


def test_identical_findings_pool_to_themselves_with_no_heterogeneity(workspace, campaign):
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    same = [finding(debrief, code, 500, 600) for code in ("RU", "US")]
    pooled = pooled_lift(same)
    assert pooled["pooled_effect"] == pytest.approx(0.2)
    assert pooled["heterogeneity_i2"] == pytest.approx(0.0)


@pytest.mark.django_db
def test_a_direction_other_than_rise_or_fall_is_refused_before_it_is_stored(workspace):
    from django.core.exceptions import ValidationError

    from aftercast.learnings.services import update_learning

    rule = create_learning(workspace=workspace, statement_en="Codes sell", direction=1)
    for wrong in (-36098747, 2, True):  # PostgreSQL had answered the first with a 500
        with pytest.raises(ValidationError) as refused:
            update_learning(rule, {"direction": wrong})
        assert "direction" in refused.value.message_dict
        with pytest.raises(ValidationError):
            create_learning(workspace=workspace, statement_en="Too", direction=wrong)
    rule.refresh_from_db()
    assert rule.direction == 1
    assert update_learning(rule, {"direction": None}).direction is None
