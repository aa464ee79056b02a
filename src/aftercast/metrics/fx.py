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
