"""Expectation check: where a brief's target falls in a creator's or a benchmark's history."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from aftercast.stats import validation as check

TOO_LITTLE_HISTORY = "too_little_history"
BELOW_HISTORY = "below_history"
WITHIN_HISTORY = "within_history"
AMBITIOUS = "ambitious"
OUTSIDE_HISTORY = "outside_history"
MIN_HISTORY = 3
# A target more than this many times the best value ever seen is "outside the history".
OUTSIDE_FACTOR = 1.5

MESSAGES = {
    "en": {
        TOO_LITTLE_HISTORY: "Too little history to judge the target {target} ({n} values).",
        BELOW_HISTORY: "The target {target} is below everything seen so far ({low}–{high}): "
        "easy to reach.",
        WITHIN_HISTORY: "The target {target} is within the usual range ({low}–{high}, "
        "percentile {percentile}).",
        AMBITIOUS: "The target {target} is ambitious: above {percentile}% of past values "
        "({low}–{high}).",
        OUTSIDE_HISTORY: "Outside the history: {target} target vs {low}–{high} historical.",
    },
    "ru": {
        TOO_LITTLE_HISTORY: "Слишком мало истории, чтобы оценить цель {target} (значений: {n}).",
        BELOW_HISTORY: "Цель {target} ниже всего, что было раньше ({low}–{high}): "
        "достичь её легко.",
        WITHIN_HISTORY: "Цель {target} в обычном диапазоне ({low}–{high}, "
        "процентиль {percentile}).",
        AMBITIOUS: "Цель {target} амбициозная: выше {percentile} % прошлых значений "
        "({low}–{high}).",
        OUTSIDE_HISTORY: "Вне истории: цель {target} при историческом диапазоне {low}–{high}.",
    },
}


def _plain(value: float) -> str:
    return f"{value:.4g}"


@dataclass(frozen=True)
class ExpectationCheck:
    target: float
    percentile: float | None
    low: float | None
    median: float | None
    high: float | None
    n: int
    verdict: str

    def message(self, language: str = "en", format_value: Callable[[float], str] = _plain) -> str:
        """Say the verdict in Russian or English (other languages read English)."""
        template = MESSAGES.get(language, MESSAGES["en"])[self.verdict]
        return template.format(
            target=format_value(self.target),
            low=format_value(self.low) if self.low is not None else "—",
            high=format_value(self.high) if self.high is not None else "—",
            percentile=f"{self.percentile:.0f}" if self.percentile is not None else "—",
            n=self.n,
        )


def check_target(
    target: float, history: Sequence[float], higher_is_better: bool = True
) -> ExpectationCheck:
    """Place a target in past values of the same metric (a creator's own or a benchmark's)."""
    goal = check.finite("target", target)
    values = check.finite_sequence("history", history, minimum=0)
    if len(values) < MIN_HISTORY:
        return ExpectationCheck(goal, None, None, None, None, len(values), TOO_LITTLE_HISTORY)
    low, median, high = (float(v) for v in np.percentile(values, [0, 50, 100]))
    percentile = float(stats.percentileofscore(values, goal, kind="mean"))
    # For costs (lower is better) an ambitious target is a low one: mirror the scale.
    ambition = percentile if higher_is_better else 100 - percentile
    best, worst = (high, low) if higher_is_better else (low, high)
    beyond_best = goal > best if higher_is_better else goal < best
    far_beyond = (
        (goal > best * OUTSIDE_FACTOR) if higher_is_better else (goal < best / OUTSIDE_FACTOR)
    )
    if beyond_best and (far_beyond or best == 0):
        verdict = OUTSIDE_HISTORY
    elif ambition >= 90:
        verdict = AMBITIOUS
    elif (goal < worst) if higher_is_better else (goal > worst):
        verdict = BELOW_HISTORY
    else:
        verdict = WITHIN_HISTORY
    return ExpectationCheck(goal, percentile, low, median, high, len(values), verdict)


# The 75th percentile of the standard normal: (p75 - p25) spans 2 x this many standard deviations.
Z_75 = float(stats.norm.ppf(0.75))


def percentile_in_profile(value: float, p25: float, median: float, p75: float) -> float:
    """Return where `value` falls (0-100) in a benchmark known only by its quartiles.

    Engagement rates, costs and counts are skewed to the right, so a log-normal is fitted to
    the three quartiles (median and spread of the logarithms); a profile that reaches zero
    or below cannot be logged and gets a normal fit instead. Quartiles that do not spread at
    all only say whether the value is below, at or above them.
    """
    value, p25, median, p75 = (
        check.finite(n, v) for n, v in zip("vqmQ", (value, p25, median, p75), strict=True)
    )
    if not p25 <= median <= p75:
        raise ValueError("quartiles must be ordered: p25 <= median <= p75")
    if p75 == p25:
        return 50.0 if value == median else (0.0 if value < median else 100.0)
    if p25 > 0 and value > 0:
        centre, spread, x = np.log(median), (np.log(p75) - np.log(p25)) / (2 * Z_75), np.log(value)
    elif p25 > 0:
        return 0.0
    else:
        centre, spread, x = median, (p75 - p25) / (2 * Z_75), value
    return float(stats.norm.cdf((x - centre) / spread) * 100)
