"""Converting money with the rate of the observation's date (the nearest earlier one)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from aftercast.core.models import Workspace
from aftercast.metrics.models import FxRate

# A rate older than this is still used, but the report says how old it is.
STALE_AFTER = dt.timedelta(days=7)


@dataclass(frozen=True)
class Converted:
    amount: Decimal
    currency: str
    rate: Decimal
    rate_date: dt.date | None
    stale: bool


def _rate(workspace: Workspace, base: str, quote: str, on: dt.date) -> FxRate | None:
    return (
        FxRate.objects.filter(
            workspace=workspace, base=base, quote=quote, rate_date__lte=on, deleted_at__isnull=True
        )
        .order_by("-rate_date")
        .first()
    )


def convert(
    *, workspace: Workspace, amount: Decimal, currency: str, to: str, on: dt.date
) -> Converted | None:
    """Return `amount` in `to` at the latest rate on or before `on`, direct or inverse.

    None when no rate on or before that date exists: a report shows "no rate" rather than a
    number made up from a later rate.
    """
    if currency == to:
        return Converted(amount, to, Decimal(1), on, False)
    direct = _rate(workspace, currency, to, on)
    inverse = _rate(workspace, to, currency, on)
    candidates = [(r.rate_date, r.rate, False) for r in [direct] if r] + [
        (r.rate_date, 1 / r.rate, True) for r in [inverse] if r
    ]
    if not candidates:
        return None
    rate_date, rate, _inverted = max(candidates, key=lambda c: c[0])
    return Converted(
        amount=(amount * rate).quantize(Decimal("0.01")),
        currency=to,
        rate=rate,
        rate_date=rate_date,
        stale=on - rate_date > STALE_AFTER,
    )


@dataclass(frozen=True)
class ConvertedTotal:
    amount: Decimal | None
    currency: str
    stale_days: int  # amounts converted with a rate older than STALE_AFTER
    missing: int  # amounts with no earlier rate at all (left out of the total)


def convert_total(*, workspace: Workspace, amounts, to: str) -> ConvertedTotal:
    """Add up (amount, currency, date) triples in `to`, each at its own date's rate."""
    total, stale, missing, seen = Decimal(0), 0, 0, False
    for amount, currency, on in amounts:
        converted = convert(
            workspace=workspace, amount=Decimal(amount), currency=currency, to=to, on=on
        )
        if converted is None:
            missing += 1
            continue
        seen = True
        total += converted.amount
        stale += converted.stale
    return ConvertedTotal(total if seen else None, to, stale, missing)
