"""Creator tiers by follower count. Thresholds are configurable via settings.AFTERCAST_TIERS."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    NANO = "nano", _("Nano")
    MICRO = "micro", _("Micro")
    MID = "mid", _("Mid-tier")
    MACRO = "macro", _("Macro")
    MEGA = "mega", _("Mega")


# Lower bound (inclusive) of each tier; nano starts at 0.
DEFAULT_TIER_FLOORS = {
    Tier.MICRO: 10_000,
    Tier.MID: 100_000,
    Tier.MACRO: 500_000,
    Tier.MEGA: 1_000_000,
}


def tier_floors() -> dict[str, int]:
    return {**DEFAULT_TIER_FLOORS, **getattr(settings, "AFTERCAST_TIERS", {})}


def tier_for(followers: int | None) -> Tier | None:
    """Return the tier of an account with this many followers (None when unknown)."""
    if followers is None:
        return None
    tier = Tier.NANO
    for candidate, floor in sorted(tier_floors().items(), key=lambda item: item[1]):
        if followers >= floor:
            tier = Tier(candidate)
    return tier


def tier_case(field: str = "followers") -> models.Case:
    """Return a SQL expression giving the tier, so lists can filter and group by it."""
    floors = sorted(tier_floors().items(), key=lambda item: -item[1])
    return models.Case(
        *[
            models.When(**{f"{field}__gte": floor}, then=models.Value(str(t)))
            for t, floor in floors
        ],
        default=models.Value(str(Tier.NANO)),
        output_field=models.CharField(),
    )
