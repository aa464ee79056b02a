import pytest

from aftercast.stats import benjamini_hochberg, finding_guards, holm, sample_ratio_p_value
from aftercast.stats.multiplicity import IMPLAUSIBLE_LIFT, SAMPLE_RATIO_MISMATCH, TOO_FEW_UNITS

# Benjamini & Hochberg (1995), JRSS B, section 4: the 15 p-values of their worked example.
BH_1995 = [
    0.0001,
    0.0004,
    0.0019,
    0.0095,
    0.0201,
    0.0278,
    0.0298,
    0.0344,
    0.0459,
    0.3240,
    0.4262,
    0.5719,
    0.6528,
    0.7590,
    1.000,
]


def test_it_reproduces_benjamini_hochbergs_example():
    """At q = 0.05 their procedure rejects the four smallest hypotheses; Bonferroni-type
    control (Holm) rejects three."""
    assert [p <= 0.05 for p in benjamini_hochberg(BH_1995)] == [True] * 4 + [False] * 11
    assert [p <= 0.05 for p in holm(BH_1995)] == [True] * 3 + [False] * 12


def test_adjusted_values_keep_the_input_order():
    adjusted = holm([0.04, 0.01])
    assert adjusted == pytest.approx([0.04, 0.02])


def test_it_rejects_a_p_value_outside_zero_one():
    with pytest.raises(ValueError, match=r"p_values\[1\]"):
        holm([0.1, 1.5])


def test_a_healthy_finding_carries_no_guard():
    assert finding_guards(5_000, 5_050, 0.12) == ()


def test_each_guard_fires_on_its_own_problem():
    assert finding_guards(40, 45, 0.1) == (TOO_FEW_UNITS,)
    assert finding_guards(5_000, 5_000, 0.8) == (IMPLAUSIBLE_LIFT,)
    assert finding_guards(5_000, 6_000, 0.1) == (SAMPLE_RATIO_MISMATCH,)


def test_arms_without_a_planned_split_skip_the_ratio_check():
    assert finding_guards(5_000, 9_000, 0.1, planned_share_a=None) == ()


def test_the_sample_ratio_test_uses_the_planned_split():
    assert sample_ratio_p_value(7_000, 3_000, planned_share_a=0.7) == pytest.approx(1.0)
    assert sample_ratio_p_value(5_000, 5_000, planned_share_a=0.7) < 1e-10
