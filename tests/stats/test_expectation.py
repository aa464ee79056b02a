import pytest

from aftercast.stats import check_target
from aftercast.stats.expectation import (
    AMBITIOUS,
    BELOW_HISTORY,
    OUTSIDE_HISTORY,
    TOO_LITTLE_HISTORY,
    WITHIN_HISTORY,
)

STEADY_CONVERTER = [0.012, 0.015, 0.018, 0.011, 0.02]  # "always converts 1-2%"


def as_percent(value):
    return f"{value:.0%}"


def test_the_seeds_forty_percent_target_is_outside_history_in_both_languages():
    result = check_target(0.40, STEADY_CONVERTER)
    assert result.verdict == OUTSIDE_HISTORY
    assert result.percentile == 100
    assert result.message("en", as_percent) == (
        "Outside the history: 40% target vs 1%–2% historical."
    )
    assert result.message("ru", as_percent) == (
        "Вне истории: цель 40% при историческом диапазоне 1%–2%."
    )


@pytest.mark.parametrize(
    ("target", "verdict"),
    [(0.016, WITHIN_HISTORY), (0.021, AMBITIOUS), (0.005, BELOW_HISTORY)],
)
def test_targets_are_placed_in_the_history(target, verdict):
    assert check_target(target, STEADY_CONVERTER).verdict == verdict


def test_for_costs_a_low_target_is_the_ambitious_one():
    cac_history = [9.0, 8.5, 10.0, 9.5, 11.0]
    assert check_target(4.0, cac_history, higher_is_better=False).verdict == OUTSIDE_HISTORY
    assert check_target(12.0, cac_history, higher_is_better=False).verdict == BELOW_HISTORY


def test_the_percentile_is_scipys_mean_rank():
    assert check_target(0.015, STEADY_CONVERTER).percentile == pytest.approx(50.0)


def test_too_little_history_is_said_not_guessed():
    result = check_target(0.05, [0.01])
    assert result.verdict == TOO_LITTLE_HISTORY and result.percentile is None
    assert "1" in result.message("ru")


def test_unknown_languages_read_english():
    assert check_target(0.4, STEADY_CONVERTER).message("de").startswith("Outside")


def test_it_rejects_non_finite_values_naming_them():
    with pytest.raises(ValueError, match=r"history\[1\]"):
        check_target(0.1, [0.1, float("inf"), 0.2])
    with pytest.raises(ValueError, match="target"):
        check_target(float("nan"), STEADY_CONVERTER)
