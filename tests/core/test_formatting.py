import datetime as dt
from decimal import Decimal

from django.utils import translation

from aftercast.core import formatting
from aftercast.metrics import formatting as metric_formatting


def test_money_follows_the_readers_locale():
    assert formatting.money(Decimal("1234.5"), "RUB", "ru") == "1\xa0234,50\xa0₽"
    assert formatting.money(Decimal("1234.5"), "USD", "en") == "$1,234.50"


def test_money_uses_the_active_language_when_none_is_given():
    with translation.override("ru"):
        assert formatting.money(1234.5, "USD") == "1\xa0234,50\xa0$"


def test_unknown_languages_read_as_english():
    assert formatting.reader_locale("xx") == "en_US"
    assert formatting.number(1234.5, "zz", digits=1) == "1,234.5"


def test_dates_follow_the_readers_locale():
    day = dt.date(2025, 12, 31)
    assert formatting.date(day, "en") == "Dec 31, 2025"
    assert formatting.date(day, "ru") == "31 дек. 2025\u202fг."


def test_percentages_and_multiples():
    assert metric_formatting.metric_value("er_reach", 0.0834, language="ru") == "8,34\xa0%"
    assert metric_formatting.metric_value("conversion_rate", 0.4, language="en") == "40.0%"
    assert metric_formatting.metric_value("roas", 2.8, language="en") == "2.8×"
    assert metric_formatting.metric_value("cpa", 8.5, "USD", language="en") == "$8.50"


def test_missing_values_show_a_dash_not_zero():
    assert metric_formatting.metric_value("cpa", None, "USD") == formatting.EMPTY
    assert formatting.money(None, "USD") == formatting.EMPTY
