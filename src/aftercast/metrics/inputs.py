"""A metric's value as a person types it ("6 %", "1 500 ₽", "$12", "2,5x"), read in its unit."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import Unit, get_metric

CURRENCY_MARKS = re.compile(r"[₽$€₸£]|\b(?:RUB|USD|EUR|KZT|GBP)\b|руб\.?|р\.", re.IGNORECASE)
MARK_CURRENCY = {
    "₽": "RUB",
    "$": "USD",
    "€": "EUR",
    "₸": "KZT",
    "£": "GBP",
    "руб": "RUB",
    "р": "RUB",
}
MULTIPLE_MARKS = re.compile(r"[x×х]$", re.IGNORECASE)
SPACES = re.compile(r"[\s\u00a0\u202f']")


@dataclass(frozen=True)
class ReadValue:
    value: Decimal
    # Said back to the person when the text could be read two ways ("6 read as 6 %").
    note: str = ""


def read_number(text: str, language: str = "en") -> Decimal:
    """Read a number written the Russian or the English way ("1 500,5", "1,500.5", "0.06")."""
    raw = SPACES.sub("", text)
    if "," in raw and "." in raw:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        raw = raw.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in raw:
        whole, _sep, tail = raw.rpartition(",")
        # "1,500" is fifteen hundred to an English reader; "1,5" is one and a half to anyone.
        grouped = len(tail) == 3 and not language.startswith("ru")
        raw = raw.replace(",", "") if grouped else raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(_("“%(text)s” is not a number."), params={"text": text}) from None
    if not value.is_finite():
        raise ValidationError(_("“%(text)s” is not a number."), params={"text": text})
    return value


def read_share(text: str, language: str = "en") -> Decimal:
    """A relative change typed as "20 %", "20" or "0.2": all three mean a fifth."""
    raw = text.strip()
    value = read_number(raw.rstrip("%").strip(), language)
    return value / 100 if raw.endswith("%") or abs(value) >= 1 else value


def _check_currency(text: str, currency: str) -> None:
    """Money typed with another currency's sign is refused: amounts are never converted
    silently (a "$12" target on a market counted in roubles is a mistake, not 12 ₽)."""
    for mark in CURRENCY_MARKS.findall(text):
        named = MARK_CURRENCY.get(mark.lower().rstrip("."), mark.upper())
        if currency and named != currency.upper():
            raise ValidationError(
                _("This market counts money in %(currency)s: type the amount in %(currency)s."),
                params={"currency": currency.upper()},
            )


def read_metric_value(key: str, text: str, currency: str = "", language: str = "en") -> ReadValue:
    """Read a target typed for metric `key` in that metric's own unit.

    Percentages are stored as fractions. "6 %" is 6 %; a bare "6" (or "1") is read as a
    percentage, a bare "0.06" as a fraction (6 %), and both are said back so a misreading is
    seen at once.
    """
    unit = get_metric(key).unit
    raw = text.strip()
    if not raw:
        raise ValidationError(_("Enter a value."))
    percent_sign = raw.endswith("%")
    cleaned = raw.rstrip("%").strip()
    if unit is Unit.MONEY:
        _check_currency(raw, currency)
        cleaned = CURRENCY_MARKS.sub("", cleaned).strip()
    if unit is Unit.MULTIPLE:
        cleaned = MULTIPLE_MARKS.sub("", cleaned).strip()
    value = read_number(cleaned, language)
    if value < 0:
        raise ValidationError(_("A target cannot be negative."))
    note = ""
    if unit is Unit.RATIO:
        if percent_sign or value >= 1:
            value = value / 100
        if not percent_sign:
            note = _("“%(text)s” read as %(value)s.") % {
                "text": raw,
                "value": metric_value(key, value, language=language),
            }
        if value > 1:
            raise ValidationError(
                _("%(value)s is more than 100 %%: a rate cannot be that high."),
                params={"value": metric_value(key, value, language=language)},
            )
    elif percent_sign:
        raise ValidationError(
            _("This metric is not a percentage: type it without the percent sign.")
        )
    return ReadValue(value=value.normalize() if value else Decimal(0), note=note)


def write_metric_value(key: str, value, currency: str = "", language: str = "en") -> str:
    """Write a stored value back the way a person would type it again ("6 %", "1 500 ₽")."""
    return metric_value(key, value, currency, language)
