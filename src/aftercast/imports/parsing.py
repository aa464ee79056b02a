"""Turning cell text into numbers and dates, the way the file wrote them."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from aftercast.imports.errors import ImportProblem
from aftercast.imports.readers import ReadOptions, date_part

SPACES = re.compile(r"[\s\u00a0\u202f']")
SIGNS = re.compile(r"[$₽€₸%]|руб\.?|rub|usd", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@")


def is_formula(text: str) -> bool:
    """Say whether a cell would run as a formula in a spreadsheet (CSV injection)."""
    return text.startswith(FORMULA_START) and not re.fullmatch(r"[-+]?[\d\s.,\u00a0]+", text)


PLAIN_GROUPED = re.compile(r"[0-9][0-9 \u00a0\u202f']*")
GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f'")


def parse_number(text: str, options: ReadOptions) -> Decimal:
    raw = text.strip()
    # Most cells are whole counts, often grouped with spaces ("12 345"): read those directly.
    if raw.isascii() and raw.isdigit():
        return Decimal(raw)
    if PLAIN_GROUPED.fullmatch(raw):
        return Decimal(raw.translate(GROUP_SPACES))
    if is_formula(raw):
        raise ImportProblem("formula", value=raw[:40])
    negative = raw.startswith("(") and raw.endswith(")")
    cleaned = SPACES.sub("", SIGNS.sub("", raw.strip("()")))
    if options.thousands and options.thousands.strip():
        cleaned = cleaned.replace(options.thousands, "")
    if options.decimal == ",":
        cleaned = cleaned.replace(".", "").replace(",", ".") if "," in cleaned else cleaned
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ImportProblem("not_a_number", value=raw[:40]) from None
    if not value.is_finite():
        raise ImportProblem("not_a_number", value=raw[:40])
    return -value if negative else value


def parse_date(text: str, options: ReadOptions) -> dt.date:
    raw = text.strip()
    if not raw:
        raise ImportProblem("missing_date")
    try:
        return dt.datetime.strptime(date_part(raw, options.date_format), options.date_format).date()
    except ValueError:
        raise ImportProblem("bad_date", value=raw[:40], format=options.date_format) from None


TIME = re.compile(r"(\d{1,2}):(\d{2})")


def parse_moment(text: str, options: ReadOptions) -> dt.datetime:
    """Return the date and time a cell gives (noon when it gives no time), in UTC."""
    day = parse_date(text, options)
    time_part = TIME.search(text.strip()[len(date_part(text, options.date_format)) :] or text)
    at = dt.time(int(time_part[1]) % 24, int(time_part[2]) % 60) if time_part else dt.time(12)
    return dt.datetime.combine(day, at, tzinfo=dt.UTC)


def fit(value: Decimal, *, digits: int, places: int, text: str) -> Decimal:
    """Round a value to a column's decimal places, refusing one too large for its digits (on
    SQLite it would be stored as "inf" and break every later read; PostgreSQL would fail the
    whole run)."""
    if not value.is_finite() or abs(value) >= Decimal(10) ** (digits - places):
        raise ImportProblem("out_of_range", value=text[:40])
    return value.quantize(Decimal(1).scaleb(-places))
