"""The one metric registry: every raw and derived metric, defined once.

Raw metrics are stored as observations; derived metrics are formulas over raw sums. A formula
whose denominator is zero or whose inputs are missing has no value (None): never 0, never an
exception, because "no clicks yet" must not read as "0% conversion".
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

import numpy as np
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

Number = float | int | Decimal


class Unit(StrEnum):
    COUNT = "count"
    RATIO = "ratio"  # shown as a percentage
    MONEY = "money"  # in the observation's currency
    MULTIPLE = "multiple"  # e.g. ROAS 2.8x


class Kind(StrEnum):
    RAW = "raw"
    DERIVED = "derived"


@dataclass(frozen=True)
class Metric:
    key: str
    name: Promise
    short: Promise
    unit: Unit
    higher_is_better: bool
    kind: Kind = Kind.RAW
    inputs: tuple[str, ...] = ()
    formula: Callable[[Mapping[str, float]], float | None] | None = field(
        default=None, compare=False, repr=False
    )
    description: Promise | str = ""

    def compute(self, values: Mapping[str, Number | None]) -> float | None:
        """Return this metric's value from raw sums; None when an input is missing or 0 divides."""
        if self.kind is Kind.RAW:
            value = values.get(self.key)
            return None if value is None else float(value)
        present = {name: values.get(name) for name in self.inputs}
        if any(present.get(name) is not None for name in ENGAGEMENT_PARTS):
            # Not every platform reports every interaction (VK has no saves, Telegram no likes):
            # an engagement part that was not reported counts as none, as long as one was.
            present.update({n: present.get(n) or 0 for n in ENGAGEMENT_PARTS if n in present})
        if any(value is None for value in present.values()):
            return None
        assert self.formula is not None
        return self.formula({name: float(value) for name, value in present.items()})  # type: ignore[arg-type]

    def compute_many(self, values: Mapping[str, np.ndarray | float | None]) -> np.ndarray | None:
        """`compute` over arrays of sums at once (one element per resample): NaN where a
        denominator is 0, None when an input is missing altogether."""
        if self.kind is Kind.RAW:
            value = values.get(self.key)
            return None if value is None else np.asarray(value, dtype=float)
        present = {name: values.get(name) for name in self.inputs}
        if any(present.get(name) is not None for name in ENGAGEMENT_PARTS):
            present.update(
                {n: _zero_if_none(present.get(n)) for n in ENGAGEMENT_PARTS if n in present}
            )
        if any(value is None for value in present.values()):
            return None
        assert self.formula is not None
        result = self.formula(present)  # type: ignore[arg-type]
        return None if result is None else np.asarray(result, dtype=float)


def _zero_if_none(value):
    return 0.0 if value is None else value


def _ratio(numerator, denominator, scale: float = 1.0):
    """numerator / denominator; None (or NaN, for arrays of resamples) when it divides by 0."""
    if isinstance(denominator, np.ndarray):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(denominator == 0, np.nan, numerator / denominator * scale)
    if denominator == 0:
        return None
    return numerator / denominator * scale


def _raw(key: str, name: Promise, short: Promise, unit: Unit = Unit.COUNT, higher=True) -> Metric:
    return Metric(key=key, name=name, short=short, unit=unit, higher_is_better=higher)


def _derived(key, name, short, unit, higher, inputs, formula, description="") -> Metric:
    return Metric(
        key=key,
        name=name,
        short=short,
        unit=unit,
        higher_is_better=higher,
        kind=Kind.DERIVED,
        inputs=tuple(inputs),
        formula=formula,
        description=description,
    )


ENGAGEMENT_PARTS = ("likes", "comments", "shares", "saves")

_METRICS = [
    _raw("impressions", _("Impressions"), _("Impr.")),
    _raw("reach", _("Reach"), _("Reach")),
    _raw("views", _("Views"), _("Views")),
    _raw("likes", _("Likes"), _("Likes")),
    _raw("comments", pgettext_lazy("metric", "Comments"), pgettext_lazy("metric", "Comm.")),
    _raw("shares", _("Shares"), _("Shares")),
    _raw("saves", _("Saves"), _("Saves")),
    _raw("clicks", _("Clicks"), _("Clicks")),
    _raw("followers", _("Followers"), _("Followers")),
    _raw("followers_gained", _("Followers gained"), _("New followers")),
    _raw("signups", _("Sign-ups"), _("Sign-ups")),
    _raw("conversions", _("Conversions"), _("Conv.")),
    _raw("orders", _("Orders"), _("Orders")),
    _raw("revenue", _("Revenue"), _("Revenue"), Unit.MONEY),
    _raw("spend", _("Spend"), _("Spend"), Unit.MONEY, higher=False),
    _raw("cohort_revenue", _("Cohort revenue"), _("Cohort rev."), Unit.MONEY),
    _derived(
        "engagements",
        _("Engagements"),
        _("Eng."),
        Unit.COUNT,
        True,
        ENGAGEMENT_PARTS,
        lambda v: sum(v[name] for name in ENGAGEMENT_PARTS),
        _("Likes + comments + shares + saves."),
    ),
    _derived(
        "er_followers",
        _("Engagement rate by followers"),
        _("ER"),
        Unit.RATIO,
        True,
        (*ENGAGEMENT_PARTS, "followers"),
        lambda v: _ratio(sum(v[n] for n in ENGAGEMENT_PARTS), v["followers"]),
        _("Engagements / followers."),
    ),
    _derived(
        "er_reach",
        _("Engagement rate by reach (ERR)"),
        _("ERR"),
        Unit.RATIO,
        True,
        (*ENGAGEMENT_PARTS, "reach"),
        lambda v: _ratio(sum(v[n] for n in ENGAGEMENT_PARTS), v["reach"]),
        _("Engagements / reach; the usual yardstick on Telegram and VK."),
    ),
    _derived(
        "er_views",
        _("Engagement rate by views"),
        _("ER views"),
        Unit.RATIO,
        True,
        (*ENGAGEMENT_PARTS, "views"),
        lambda v: _ratio(sum(v[n] for n in ENGAGEMENT_PARTS), v["views"]),
        _("Engagements / views."),
    ),
    _derived(
        "ctr",
        _("Click-through rate"),
        _("CTR"),
        Unit.RATIO,
        True,
        ("clicks", "impressions"),
        lambda v: _ratio(v["clicks"], v["impressions"]),
        _("Clicks / impressions."),
    ),
    _derived(
        "conversion_rate",
        _("Conversion rate"),
        _("CR"),
        Unit.RATIO,
        True,
        ("conversions", "clicks"),
        lambda v: _ratio(v["conversions"], v["clicks"]),
        _("Conversions / clicks."),
    ),
    _derived(
        "signup_rate",
        _("Sign-up rate"),
        _("Sign-up rate"),
        Unit.RATIO,
        True,
        ("signups", "clicks"),
        lambda v: _ratio(v["signups"], v["clicks"]),
        _("Sign-ups / clicks."),
    ),
    _derived(
        "follow_rate",
        _("Follow rate"),
        _("Follow rate"),
        Unit.RATIO,
        True,
        ("followers_gained", "reach"),
        lambda v: _ratio(v["followers_gained"], v["reach"]),
        _("Followers gained / reach."),
    ),
    _derived(
        "cpm",
        _("Cost per mille (CPM)"),
        _("CPM"),
        Unit.MONEY,
        False,
        ("spend", "impressions"),
        lambda v: _ratio(v["spend"], v["impressions"], 1000),
        _("Spend per 1,000 impressions."),
    ),
    _derived(
        "cpc",
        _("Cost per click (CPC)"),
        _("CPC"),
        Unit.MONEY,
        False,
        ("spend", "clicks"),
        lambda v: _ratio(v["spend"], v["clicks"]),
        _("Spend / clicks."),
    ),
    _derived(
        "cpe",
        _("Cost per engagement (CPE)"),
        _("CPE"),
        Unit.MONEY,
        False,
        ("spend", *ENGAGEMENT_PARTS),
        lambda v: _ratio(v["spend"], sum(v[n] for n in ENGAGEMENT_PARTS)),
        _("Spend / engagements."),
    ),
    _derived(
        "cpa",
        _("Customer acquisition cost (CPA/CAC)"),
        _("CAC"),
        Unit.MONEY,
        False,
        ("spend", "conversions"),
        lambda v: _ratio(v["spend"], v["conversions"]),
        _("Spend / conversions."),
    ),
    _derived(
        "roas",
        _("Return on ad spend (ROAS)"),
        _("ROAS"),
        Unit.MULTIPLE,
        True,
        ("revenue", "spend"),
        lambda v: _ratio(v["revenue"], v["spend"]),
        _("Revenue / spend."),
    ),
    _derived(
        "aov",
        _("Average order value (AOV)"),
        _("AOV"),
        Unit.MONEY,
        True,
        ("revenue", "orders"),
        lambda v: _ratio(v["revenue"], v["orders"]),
        _("Revenue / orders."),
    ),
    _derived(
        "ltv",
        _("Lifetime value (LTV)"),
        _("LTV"),
        Unit.MONEY,
        True,
        ("cohort_revenue", "conversions"),
        lambda v: _ratio(v["cohort_revenue"], v["conversions"]),
        _("Cohort revenue / converted customers."),
    ),
]

METRICS: dict[str, Metric] = {metric.key: metric for metric in _METRICS}
RAW_METRICS = [m for m in _METRICS if m.kind is Kind.RAW]
DERIVED_METRICS = [m for m in _METRICS if m.kind is Kind.DERIVED]
RAW_METRIC_CHOICES = [(m.key, m.name) for m in RAW_METRICS]
METRIC_CHOICES = [(m.key, m.name) for m in _METRICS]


def get_metric(key: str) -> Metric:
    """Return the metric called `key`, or raise KeyError naming it."""
    try:
        return METRICS[key]
    except KeyError:
        raise KeyError(f"unknown metric {key!r}") from None


def compute_all(raw_sums: Mapping[str, Number | None]) -> dict[str, float | None]:
    """Return every metric's value for one set of raw sums."""
    return {key: metric.compute(raw_sums) for key, metric in METRICS.items()}


# What each platform's own statistics do not give (tracking links and the brand's shop give
# clicks, conversions and money on every platform). Telegram has no impressions or saves (its
# post views are read as reach, as TGStat does for ERR); VK and YouTube have no saves.
NOT_REPORTED = {
    "telegram": frozenset({"impressions", "saves"}),
    "youtube": frozenset({"reach", "saves"}),
    "vk": frozenset({"saves"}),
}


def missing_inputs(key: str, platform_slug: str) -> frozenset[str]:
    """Return the raw metrics `key` needs that this platform does not report (empty: it can)."""
    metric = get_metric(key)
    gaps = NOT_REPORTED.get(platform_slug, frozenset())
    needed = set(metric.inputs) - set(ENGAGEMENT_PARTS) if metric.inputs else {key}
    return frozenset(needed & gaps)
