import statistics

import pytest

from aftercast.stats import compare_means

# R's `sleep` data set (Cushny & Peebles), extra hours of sleep by drug.
GROUP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
GROUP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def summary(values):
    return statistics.mean(values), statistics.stdev(values), len(values)


def test_it_reproduces_r_welch_t_test_on_the_sleep_data():
    """R: t.test(extra ~ group, data = sleep) gives t = -1.8608, df = 17.776,
    p-value = 0.07939, 95% CI -3.3654832 0.2054832 for mean(1) - mean(2)."""
    result = compare_means(*summary(GROUP_1), *summary(GROUP_2))
    assert result.diff == pytest.approx(1.58)
    assert result.p_value == pytest.approx(0.07939, abs=5e-6)
    assert result.diff_ci[0] == pytest.approx(-0.2054832, abs=5e-7)
    assert result.diff_ci[1] == pytest.approx(3.3654832, abs=5e-7)


def test_the_lift_is_relative_to_a():
    result = compare_means(40.0, 10.0, 200, 46.0, 12.0, 220)
    assert result.lift == pytest.approx(0.15)
    assert result.lift_ci[0] < 0.15 < result.lift_ci[1]
    assert result.prob_b_better > 0.99


def test_a_non_positive_mean_leaves_the_lift_undefined():
    assert compare_means(0.0, 1.0, 10, 1.0, 1.0, 10).lift is None


def test_swapping_the_arms_flips_the_sign():
    forward = compare_means(5.0, 2.0, 30, 6.0, 2.5, 40)
    backward = compare_means(6.0, 2.5, 40, 5.0, 2.0, 30)
    assert forward.diff == pytest.approx(-backward.diff)
    assert forward.prob_b_better == pytest.approx(1 - backward.prob_b_better)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ((1.0, -1.0, 10, 1.0, 1.0, 10), "sd_a"),
        ((float("nan"), 1.0, 10, 1.0, 1.0, 10), "mean_a"),
        ((1.0, 1.0, 1, 1.0, 1.0, 10), "n_a"),
        ((1.0, 0.0, 10, 1.0, 0.0, 10), "sd_a and sd_b"),
    ],
)
def test_it_rejects_bad_input_naming_the_argument(args, named):
    with pytest.raises(ValueError, match=named):
        compare_means(*args)
