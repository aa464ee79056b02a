import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as scipy_stats
from scipy.special import betaln

from aftercast.stats import compare_proportions


def test_it_reproduces_r_prop_test_with_continuity_correction():
    """R: prop.test(x = c(490, 400), n = c(500, 500)) prints X-squared = 80.909 and the 95% CI
    0.1408536 0.2191464 for prop 1 - prop 2 (STHDA, "Two-proportions z-test in R")."""
    result = compare_proportions(400, 500, 490, 500, continuity=True)
    assert result.diff == pytest.approx(0.18)
    assert result.diff_ci[0] == pytest.approx(0.1408536, abs=5e-7)
    assert result.diff_ci[1] == pytest.approx(0.2191464, abs=5e-7)
    chi_square = scipy_stats.norm.isf(result.p_value / 2) ** 2
    assert chi_square == pytest.approx(80.909, abs=5e-4)


def test_the_lift_interval_is_katzs_log_risk_ratio():
    """metafor's escalc("RR") on dat.bcg trial 1 (Aronson 1948): yi = -0.8893, vi = 0.3256."""
    result = compare_proportions(11, 139, 4, 123)
    log_rr = math.log1p(result.lift)
    assert log_rr == pytest.approx(-0.8893, abs=5e-5)
    se = (math.log1p(result.lift_ci[1]) - math.log1p(result.lift_ci[0])) / (2 * 1.959964)
    assert se**2 == pytest.approx(0.3256, abs=5e-5)


def test_the_bayesian_probability_matches_evan_millers_closed_form():
    """P(p_B > p_A) for Beta posteriors equals Evan Miller's exact sum ("Formulas for Bayesian
    A/B testing", 2015): sum over i < alpha_B of B(alpha_A + i, beta_A + beta_B) /
    ((beta_B + i) B(1 + i, beta_B) B(alpha_A, beta_A))."""
    x_a, n_a, x_b, n_b = 30, 200, 45, 210
    alpha_a, beta_a, alpha_b, beta_b = 1 + x_a, 1 + n_a - x_a, 1 + x_b, 1 + n_b - x_b
    exact = sum(
        math.exp(
            betaln(alpha_a + i, beta_a + beta_b)
            - math.log(beta_b + i)
            - betaln(1 + i, beta_b)
            - betaln(alpha_a, beta_a)
        )
        for i in range(alpha_b)
    )
    assert compare_proportions(x_a, n_a, x_b, n_b).prob_b_better == pytest.approx(exact, abs=1e-5)


def test_identical_arms_have_p_value_one_and_even_odds():
    result = compare_proportions(50, 1000, 50, 1000)
    assert result.p_value == pytest.approx(1.0)
    assert result.prob_b_better == pytest.approx(0.5, abs=1e-3)
    assert result.lift == 0


def test_zero_successes_in_a_leave_the_lift_undefined_not_infinite():
    result = compare_proportions(0, 100, 5, 100)
    assert result.lift is None and result.lift_ci is None
    assert math.isfinite(result.p_value)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ((5, 0, 1, 10), "trials_a"),
        ((11, 10, 1, 10), "successes_a"),
        ((1, 10, -1, 10), "successes_b"),
        ((1, 10, float("nan"), 10), "successes_b"),
        ((1, 10, 1, float("inf")), "trials_b"),
        ((1.5, 10, 1, 10), "successes_a"),
    ],
)
def test_it_rejects_bad_counts_naming_the_argument(args, named):
    with pytest.raises(ValueError, match=named):
        compare_proportions(*args)


@given(st.integers(1, 500), st.integers(0, 500), st.integers(1, 500), st.integers(0, 500))
def test_swapping_the_arms_flips_the_difference(n_a, x_a, n_b, x_b):
    x_a, x_b = min(x_a, n_a), min(x_b, n_b)
    forward = compare_proportions(x_a, n_a, x_b, n_b)
    backward = compare_proportions(x_b, n_b, x_a, n_a)
    assert forward.diff == pytest.approx(-backward.diff)
    assert forward.p_value == pytest.approx(backward.p_value)
    assert forward.diff_ci[0] <= forward.diff <= forward.diff_ci[1]
