"""Argument checks: bad input raises ValueError naming the argument, never a silent NaN."""

import math
from collections.abc import Sequence


def finite(name: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


def non_negative(name: str, value: float) -> float:
    number = finite(name, value)
    if number < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return number


def positive(name: str, value: float) -> float:
    number = finite(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return number


def count(name: str, value: float) -> int:
    number = non_negative(name, value)
    if number != int(number):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    return int(number)


def successes_within_trials(s_name: str, successes: float, t_name: str, trials: float):
    s, t = count(s_name, successes), count(t_name, trials)
    if t == 0:
        raise ValueError(f"{t_name} must be at least 1, got 0")
    if s > t:
        raise ValueError(f"{s_name} ({s}) must not exceed {t_name} ({t})")
    return s, t


def probability(name: str, value: float, *, open_interval: bool = True) -> float:
    number = finite(name, value)
    low_ok = number > 0 if open_interval else number >= 0
    high_ok = number < 1 if open_interval else number <= 1
    if not (low_ok and high_ok):
        bounds = "between 0 and 1 (exclusive)" if open_interval else "between 0 and 1"
        raise ValueError(f"{name} must be {bounds}, got {value!r}")
    return number


def finite_sequence(name: str, values: Sequence[float], *, minimum: int = 1) -> list[float]:
    items = [finite(f"{name}[{index}]", value) for index, value in enumerate(values)]
    if len(items) < minimum:
        raise ValueError(f"{name} needs at least {minimum} values, got {len(items)}")
    return items
