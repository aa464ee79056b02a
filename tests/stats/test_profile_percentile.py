"""Where a target falls in a benchmark known by its quartiles."""

import math

import pytest
from scipy import stats

from aftercast.stats import percentile_in_profile


def lognormal_quartiles(mu: float, sigma: float) -> tuple[float, float, float]:
    z = stats.norm.ppf(0.75)
    return math.exp(mu - z * sigma), math.exp(mu), math.exp(mu + z * sigma)


def test_a_log_normal_profile_gives_back_its_own_percentiles():
    p25, median, p75 = lognormal_quartiles(math.log(0.015), 0.4)
    # The 95th percentile of a log-normal is exp(mu + 1.6449 sigma).
    ninety_fifth = math.exp(math.log(0.015) + 1.6448536 * 0.4)
    assert percentile_in_profile(ninety_fifth, p25, median, p75) == pytest.approx(95, abs=0.01)
    assert percentile_in_profile(median, p25, median, p75) == pytest.approx(50)
    assert percentile_in_profile(p25, p25, median, p75) == pytest.approx(25)


def test_a_target_of_forty_percent_against_one_to_two_percent_is_far_beyond():
    assert percentile_in_profile(0.40, 0.01, 0.015, 0.02) > 99.99


def test_a_profile_reaching_zero_is_read_as_normal():
    assert percentile_in_profile(5, 0, 5, 10) == pytest.approx(50)
    assert percentile_in_profile(10, 0, 5, 10) == pytest.approx(75)


def test_flat_and_disordered_profiles():
    assert percentile_in_profile(3, 2, 2, 2) == 100.0
    assert percentile_in_profile(2, 2, 2, 2) == 50.0
    with pytest.raises(ValueError):
        percentile_in_profile(1, 3, 2, 1)
