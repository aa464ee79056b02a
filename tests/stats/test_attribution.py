import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aftercast.stats import (
    Journey,
    Touchpoint,
    first_touch,
    last_touch,
    linear,
    markov,
    position_based,
    time_decay,
)

JOURNEYS = [
    Journey((Touchpoint("a", 0), Touchpoint("b", 5)), True, 100.0),
    Journey((Touchpoint("b", 0),), False),
    Journey((Touchpoint("a", 0),), True, 50.0),
]


def test_rule_based_models_split_credit_as_named():
    assert first_touch(JOURNEYS).conversions == {"a": 2.0, "b": 0.0}
    assert last_touch(JOURNEYS).value == {"a": 50.0, "b": 100.0}
    assert linear(JOURNEYS).conversions == {"a": 1.5, "b": 0.5}


def test_position_based_gives_forty_twenty_forty():
    path = Journey(tuple(Touchpoint(c, i) for i, c in enumerate("abcd")), True, 100.0)
    assert position_based([path]).value == pytest.approx({"a": 40, "b": 10, "c": 10, "d": 40})


def test_time_decay_halves_the_weight_every_half_life():
    path = Journey((Touchpoint("old", 0), Touchpoint("new", 10)), True, 30.0, converted_at=10)
    assert time_decay([path], half_life=10).value == pytest.approx({"old": 10, "new": 20})


def test_time_decay_takes_datetimes_with_a_timedelta_half_life():
    now = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
    path = Journey(
        (Touchpoint("old", now - dt.timedelta(days=7)), Touchpoint("new", now)), True, 3.0
    )
    result = time_decay([path], half_life=dt.timedelta(days=7))
    assert result.conversions == pytest.approx({"old": 1 / 3, "new": 2 / 3})


def test_markov_removal_effect_matches_the_worked_example():
    """Worked by hand: P(conv) = 2/3; without a 1/6 (removal effect 0.75), without b 1/3
    (0.5); credit shares 0.75 / 1.25 = 60% and 40% (Anderl et al. 2016, removal effect)."""
    result = markov(JOURNEYS)
    assert result.conversions == pytest.approx({"a": 1.2, "b": 0.8})
    assert result.value == pytest.approx({"a": 90.0, "b": 60.0})


def test_no_conversion_means_no_credit():
    lost = [Journey((Touchpoint("a", 0),), False)]
    assert markov(lost).conversions == {} and linear(lost).conversions == {}


def test_it_rejects_a_converted_journey_without_touchpoints():
    with pytest.raises(ValueError, match=r"journeys\[0\].touchpoints"):
        linear([Journey((), True, 10.0)])


def test_it_rejects_a_negative_half_life():
    with pytest.raises(ValueError, match="half_life"):
        time_decay(JOURNEYS, half_life=-1)


journeys = st.lists(
    st.builds(
        Journey,
        st.lists(
            st.builds(Touchpoint, st.sampled_from("abcde"), st.floats(0, 100)),
            min_size=1,
            max_size=6,
        ).map(tuple),
        st.booleans(),
        st.floats(0, 1000),
    ),
    min_size=1,
    max_size=30,
)


@given(journeys)
def test_every_model_credits_exactly_the_totals(paths):
    converted = [p for p in paths if p.converted]
    total_value = sum(p.value for p in converted)
    for model in (
        first_touch,
        last_touch,
        linear,
        position_based,
        markov,
        lambda js: time_decay(js, half_life=7),
    ):
        result = model(paths)
        assert result.total_conversions == pytest.approx(len(converted))
        assert result.total_value == pytest.approx(total_value, rel=1e-9, abs=1e-6)
