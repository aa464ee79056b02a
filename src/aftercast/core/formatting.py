"""The one place numbers, money, percentages and dates are formatted for a reader (Babel)."""

import datetime as dt
import zoneinfo
from copy import copy
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.dates import format_date as babel_format_date
from babel.dates import format_time, get_timezone_location
from babel.lists import format_list
from babel.numbers import NumberPattern, format_compact_decimal, parse_pattern
from django.utils import timezone
from django.utils.translation import get_language

LOCALES = {"ru": "ru_RU", "en": "en_US"}
EMPTY = "—"


def reader_locale(language: str | None = None) -> str:
    """Return the Babel locale of a language code (unknown codes read as English)."""
    code = (language or get_language() or "en").split("-")[0].lower()
    return LOCALES.get(code, LOCALES["en"])


def _locale(language: str | None = None) -> Locale:
    return _parsed(reader_locale(language))


@lru_cache(maxsize=8)
def _parsed(identifier: str) -> Locale:
    """Babel parses a locale named by a string on every call: a list page formats a thousand
    values, so each locale is parsed once."""
    return Locale.parse(identifier)


# Locales without a symbol for a foreign currency print its code ("RUB1,234.50"); readers of
# both languages know these signs.
NARROW_SYMBOLS = {"RUB": "₽", "KZT": "₸", "USD": "$", "EUR": "€"}


@lru_cache(maxsize=8)
def _money_pattern(identifier: str, cents: bool) -> NumberPattern:
    # A list page formats a thousand values: each pattern is parsed once, not once per value.
    pattern = copy(_parsed(identifier).currency_formats["standard"])
    if not cents:
        pattern.frac_prec = (0, 0)
    return pattern


@lru_cache(maxsize=8)
def _number_pattern(digits: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "#" * digits if digits else ""))


@lru_cache(maxsize=16)
def _percent_pattern(identifier: str, digits: int) -> NumberPattern:
    # The locale's own pattern (Russian puts a no-break space before %), with fixed decimals.
    pattern = copy(_parsed(identifier).percent_formats[None])
    pattern.frac_prec = (digits, digits)
    return pattern


@lru_cache(maxsize=4096)
def _compact_count(value: int, identifier: str) -> str:
    # Babel's compact format is its slowest; the same audiences recur on every page.
    return format_compact_decimal(value, fraction_digits=1, locale=_parsed(identifier))


def money(
    amount: Decimal | float | int | None,
    currency: str,
    language: str | None = None,
    cents: bool = True,
) -> str:
    """Format money the reader's way: `1 234,50 ₽` in Russian, `$1,234.50` in English.

    Without `cents`, amounts are rounded to whole units: the right precision for totals.
    """
    if amount is None:
        return EMPTY
    locale = _locale(language)
    pattern = _money_pattern(str(locale), cents)
    text = pattern.apply(amount, locale, currency=currency, currency_digits=cents)
    symbol = NARROW_SYMBOLS.get(currency)
    if symbol and currency in text:
        text = text.replace(currency, symbol).replace(symbol + "\xa0", symbol)
    return text


def number(value: Decimal | float | int | None, language: str | None = None, digits=2) -> str:
    if value is None:
        return EMPTY
    return _number_pattern(digits).apply(value, _locale(language))


def compact(value: Decimal | float | int | None, language: str | None = None) -> str:
    """Format a large count briefly: 320K / 320 тыс."""
    if value is None:
        return EMPTY
    if isinstance(value, int):
        return _compact_count(value, str(_locale(language)))
    return format_compact_decimal(value, fraction_digits=1, locale=_locale(language))


def percent(ratio: float | None, language: str | None = None, digits: int = 1) -> str:
    if ratio is None:
        return EMPTY
    locale = _locale(language)
    return _percent_pattern(str(locale), digits).apply(ratio, locale)


def listing(items: list[str], language: str | None = None) -> str:
    """Words joined as the reader's language joins them: "reach, clicks and sales"."""
    return format_list(list(items), locale=_locale(language)) if items else ""


def date(value: dt.date | None, language: str | None = None, style: str = "medium") -> str:
    if value is None:
        return EMPTY
    return babel_format_date(value, style, locale=_locale(language))


def datetime(value: dt.datetime | None, language: str | None = None) -> str:
    if value is None:
        return EMPTY
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    # Seconds mean nothing to a planner: the date in full, the time to the minute.
    locale = _locale(language)
    day = babel_format_date(local, "medium", locale=locale)
    return f"{day}, {format_time(local, 'short', locale=locale)}"


def time_zone(zone: str, language: str | None = None) -> str:
    """A time zone the way a reader looks for it: "UTC+03:00 · Москва (Россия)"."""
    if zone == "UTC":
        return "UTC"
    locale = _locale(language)
    offset = dt.datetime.now(zoneinfo.ZoneInfo(zone)).strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}"
    city = _city(zone, locale)
    territory = get_global("zone_territories").get(zone)
    country = locale.territories.get(territory) if territory not in (None, "ZZ", "001") else None
    if not country or city in country or country in city:  # "Гонконг (Гонконг (САР))"
        return f"{utc} · {city}"
    return f"{utc} · {city} ({country})"


def _city(zone: str, locale: Locale) -> str:
    """The zone's city in the reader's language. CLDR names some cities under their zones'
    old names (Europe/Kiev for Europe/Kyiv, Asia/Calcutta for Asia/Kolkata)."""
    names = [zone] + [old for old, new in get_global("zone_aliases").items() if new == zone]
    for name in names:
        if city := locale.time_zones.get(name, {}).get("city"):
            return city
    # Babel's own fallback, which leaves some as "Region/City".
    return get_timezone_location(zone, locale=locale, return_city=True).split("/")[-1]
