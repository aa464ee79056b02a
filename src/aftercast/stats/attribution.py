"""Who gets credit for conversions: rule-based models and the data-driven Markov removal effect.

Every model credits only converted journeys, and its credits sum to their conversions and value.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from aftercast.stats import validation as check

Moment = float | dt.datetime


@dataclass(frozen=True)
class Touchpoint:
    channel: str
    at: Moment


@dataclass(frozen=True)
class Journey:
    touchpoints: tuple[Touchpoint, ...]
    converted: bool
    value: float = 0.0
    converted_at: Moment | None = None


@dataclass(frozen=True)
class Attribution:
    model: str
    conversions: dict[str, float]
    value: dict[str, float]

    @property
    def total_conversions(self) -> float:
        return sum(self.conversions.values())

    @property
    def total_value(self) -> float:
        return sum(self.value.values())


def _validated(journeys: Sequence[Journey]) -> list[Journey]:
    for index, journey in enumerate(journeys):
        if journey.converted and not journey.touchpoints:
            raise ValueError(f"journeys[{index}].touchpoints is empty but the journey converted")
        check.non_negative(f"journeys[{index}].value", journey.value)
    return list(journeys)


def _by_weights(name: str, journeys, weigh: Callable[[Journey], list[float]]) -> Attribution:
    conversions: dict[str, float] = defaultdict(float)
    value: dict[str, float] = defaultdict(float)
    for journey in _validated(journeys):
        if not journey.converted:
            continue
        weights = weigh(journey)
        total = sum(weights)
        for touch, weight in zip(journey.touchpoints, weights, strict=True):
            conversions[touch.channel] += weight / total
            value[touch.channel] += journey.value * weight / total
    return Attribution(name, dict(conversions), dict(value))


def first_touch(journeys: Sequence[Journey]) -> Attribution:
    return _by_weights("first_touch", journeys, lambda j: [1.0] + [0.0] * (len(j.touchpoints) - 1))


def last_touch(journeys: Sequence[Journey]) -> Attribution:
    return _by_weights("last_touch", journeys, lambda j: [0.0] * (len(j.touchpoints) - 1) + [1.0])


def linear(journeys: Sequence[Journey]) -> Attribution:
    return _by_weights("linear", journeys, lambda j: [1.0] * len(j.touchpoints))


def _position_weights(journey: Journey) -> list[float]:
    k = len(journey.touchpoints)
    if k <= 2:
        return [1.0] * k
    middle = 0.2 / (k - 2)
    return [0.4] + [middle] * (k - 2) + [0.4]


def position_based(journeys: Sequence[Journey]) -> Attribution:
    """40% to the first touch, 40% to the last, 20% shared by the ones between."""
    return _by_weights("position_based", journeys, _position_weights)


def _seconds(moment: Moment) -> float:
    return moment.timestamp() if isinstance(moment, dt.datetime) else float(moment)


def time_decay(journeys: Sequence[Journey], half_life: float | dt.timedelta) -> Attribution:
    """Weigh each touch by 2^(-age / half_life), age measured back from the conversion (or the
    last touch). Datetimes take a timedelta half-life; plain numbers take one in their unit."""
    span = half_life.total_seconds() if isinstance(half_life, dt.timedelta) else half_life
    span = check.positive("half_life", span)

    def weigh(journey: Journey) -> list[float]:
        end = (
            journey.converted_at if journey.converted_at is not None else journey.touchpoints[-1].at
        )
        return [
            2 ** (-max(0.0, _seconds(end) - _seconds(t.at)) / span) for t in journey.touchpoints
        ]

    return _by_weights("time_decay", journeys, weigh)


START, CONVERSION, NULL = "(start)", "(conversion)", "(null)"


def _conversion_probability(transitions: dict[str, dict[str, float]], removed: str | None) -> float:
    """Probability of absorbing in CONVERSION from START; a removed channel leads to NULL."""
    transient = [s for s in transitions if s != removed]
    index = {state: i for i, state in enumerate(transient)}
    size = len(transient)
    matrix, target = np.eye(size), np.zeros(size)
    for state in transient:
        row = index[state]
        total = sum(transitions[state].values())
        for nxt, count in transitions[state].items():
            share = count / total
            if nxt == CONVERSION:
                target[row] += share
            elif nxt in index:
                matrix[row, index[nxt]] -= share
    return float(np.linalg.solve(matrix, target)[index[START]])


def markov(journeys: Sequence[Journey]) -> Attribution:
    """Data-driven credit by first-order Markov removal effect (Anderl et al., 2016)."""
    journeys = _validated(journeys)
    transitions: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for journey in journeys:
        path = [
            START,
            *(t.channel for t in journey.touchpoints),
            CONVERSION if journey.converted else NULL,
        ]
        for here, nxt in zip(path, path[1:], strict=False):
            transitions[here][nxt] += 1
    converted = [j for j in journeys if j.converted]
    total_conversions = float(len(converted))
    total_value = float(sum(j.value for j in converted))
    if not converted:
        return Attribution("markov", {}, {})
    channels = [s for s in transitions if s != START]
    base = _conversion_probability(transitions, None)
    effects = {c: max(0.0, 1 - _conversion_probability(transitions, c) / base) for c in channels}
    total_effect = sum(effects.values())
    shares = {c: effect / total_effect for c, effect in effects.items()}
    return Attribution(
        "markov",
        {c: total_conversions * share for c, share in shares.items()},
        {c: total_value * share for c, share in shares.items()},
    )
