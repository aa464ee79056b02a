"""Targets are typed in the metric's own unit and read back the same way."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from aftercast.metrics.inputs import read_metric_value, read_number, write_metric_value


@pytest.mark.parametrize(
    ("key", "text", "language", "value", "noted"),
    [
        ("conversion_rate", "6 %", "en", Decimal("0.06"), False),
        ("conversion_rate", "6,5 %", "ru", Decimal("0.065"), False),
        ("conversion_rate", "6", "en", Decimal("0.06"), True),
        ("conversion_rate", "1", "en", Decimal("0.01"), True),
        ("conversion_rate", "0.06", "en", Decimal("0.06"), True),
        ("cpa", "1 500 ₽", "ru", Decimal("1500"), False),
        ("cpa", "1 500,50 ₽", "ru", Decimal("1500.5"), False),
        ("cpa", "$12", "en", Decimal("12"), False),
        ("cpa", "1,500.25", "en", Decimal("1500.25"), False),
        ("roas", "2,5×", "ru", Decimal("2.5"), False),
        ("roas", "3x", "en", Decimal("3"), False),
        ("conversions", "1,500", "en", Decimal("1500"), False),
        ("conversions", "1 500", "ru", Decimal("1500"), False),
    ],
)
def test_a_target_is_read_in_its_unit(key, text, language, value, noted):
    read = read_metric_value(key, text, language=language)
    assert read.value == value
    assert bool(read.note) is noted


def test_a_bare_number_for_a_rate_is_said_back_in_the_readers_words():
    with translation.override("ru"):
        note = read_metric_value("conversion_rate", "0.06", language="ru").note
    assert "6,00" in note and "%" in note
    with translation.override("en"):
        note = read_metric_value("conversion_rate", "6", language="en").note
    assert note == "“6” read as 6.00%."


@pytest.mark.parametrize(
    ("key", "text", "fragment"),
    [
        ("conversion_rate", "abc", "not a number"),
        ("conversion_rate", "150 %", "more than 100"),
        ("conversion_rate", "-3", "negative"),
        ("conversions", "12 %", "not a percentage"),
        ("cpa", "", "Enter a value"),
    ],
)
def test_bad_targets_are_refused_with_a_reason(key, text, fragment):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        read_metric_value(key, text, language="en")
    assert fragment in " ".join(caught.value.messages)


def test_refusals_are_written_in_russian_for_russian_readers():
    with translation.override("ru"), pytest.raises(ValidationError) as caught:
        read_metric_value("conversion_rate", "abc", language="ru")
    assert "не число" in " ".join(caught.value.messages)


@given(
    key=st.sampled_from(["conversion_rate", "cpa", "roas", "conversions", "er_reach"]),
    units=st.integers(min_value=1, max_value=9_999),
    language=st.sampled_from(["ru", "en"]),
)
def test_what_is_shown_and_saved_unchanged_stays_the_same(key, units, language):
    """A stored target shown in a form and saved again without a change must not move."""
    rate = key in {"conversion_rate", "er_reach"}
    value = Decimal(units) / 10_000 if rate else Decimal(units) * 37
    shown = write_metric_value(key, value, "RUB", language)
    again = write_metric_value(
        key, read_metric_value(key, shown, "RUB", language).value, "RUB", language
    )
    assert again == shown


def test_numbers_are_read_the_russian_and_the_english_way():
    assert read_number("1 234,5", "ru") == Decimal("1234.5")
    assert read_number("1.234,5", "ru") == Decimal("1234.5")
    assert read_number("1,234.5", "en") == Decimal("1234.5")
    assert read_number("0,5", "en") == Decimal("0.5")


@pytest.mark.parametrize(
    ("text", "currency"), [("$12", "RUB"), ("1 500 ₽", "USD"), ("12 USD", "RUB")]
)
def test_money_in_another_currency_is_refused_not_relabelled(text, currency):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        read_metric_value("cpa", text, currency, "en")
    assert f"counts money in {currency}" in caught.value.messages[0]
    assert read_metric_value("cpa", "12 " + currency, currency, "en").value == 12
