"""Simpson's paradox guard: the pooled direction must not contradict every market's direction."""

from collections.abc import Sequence
from dataclasses import dataclass

from aftercast.stats import validation as check

B_BETTER, A_BETTER, TIE = "b_better", "a_better", "tie"


@dataclass(frozen=True)
class Stratum:
    successes_a: int
    trials_a: int
    successes_b: int
    trials_b: int


@dataclass(frozen=True)
class SimpsonCheck:
    stratum_directions: tuple[str, ...]
    aggregate_direction: str
    paradox: bool


def _direction(x_a: int, n_a: int, x_b: int, n_b: int) -> str:
    # compare x_b / n_b with x_a / n_a exactly, without floating point
    left, right = x_b * n_a, x_a * n_b
    return B_BETTER if left > right else A_BETTER if left < right else TIE


def simpson_check(strata: Sequence[Stratum]) -> SimpsonCheck:
    """Say whether the all-markets direction differs from the direction in every market."""
    if not strata:
        raise ValueError("strata needs at least one market")
    directions = []
    for index, s in enumerate(strata):
        x_a, n_a = check.successes_within_trials(
            f"strata[{index}].successes_a", s.successes_a, f"strata[{index}].trials_a", s.trials_a
        )
        x_b, n_b = check.successes_within_trials(
            f"strata[{index}].successes_b", s.successes_b, f"strata[{index}].trials_b", s.trials_b
        )
        directions.append(_direction(x_a, n_a, x_b, n_b))
    aggregate = _direction(
        sum(s.successes_a for s in strata),
        sum(s.trials_a for s in strata),
        sum(s.successes_b for s in strata),
        sum(s.trials_b for s in strata),
    )
    unanimous = len(set(directions)) == 1 and directions[0] != TIE
    paradox = unanimous and aggregate != TIE and aggregate != directions[0]
    return SimpsonCheck(tuple(directions), aggregate, paradox)
