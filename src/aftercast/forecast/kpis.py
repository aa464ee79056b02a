"""The KPIs of planned partnerships (one, or a campaign market's all), forecast from past
partnerships: each base quantity (reach and impressions per post, engagement, click-through and
conversion rates) pooled on its own scale (shrinkage.py), the KPIs built from them by seeded
simulation, so the same inputs give the same numbers and a total or a cost gets the interval
its parts give it. KPI keys are the metric registry's."""

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from aftercast.forecast import shrinkage

HALF_LIFE_DAYS = 365  # a campaign a year old counts half as much as one today
DRAWS = 20_000
SEED = 20261128
LEVELS = (0.025, 0.1, 0.5, 0.9, 0.975)
# Base quantities: (numerator, denominator, scale). An amount ("log": reach per post and
# follower, where "audience" is posts × followers and a viral post reaches more people than
# follow; revenue per conversion) is pooled on the log scale, a rate ("logit") on the logit
# scale. Reach scales with the audience, so creators of one tier with two or ten times the
# followers are compared fairly.
BASES = {
    "reach_per_post": ("reach", "audience", "log"),
    "impressions_per_post": ("impressions", "audience", "log"),
    "er_reach": ("engagements", "reach", "logit"),
    "ctr": ("clicks", "impressions", "logit"),
    "conversion_rate": ("conversions", "clicks", "logit"),
    "order_value": ("revenue", "conversions", "log"),
    # Straight from the audience, for platforms that do not report what the chains above pass
    # through (YouTube no reach, Telegram no impressions).
    "engagements_per_post": ("engagements", "audience", "log"),
    "clicks_per_post": ("clicks", "audience", "log"),
}
SELLS = ("impressions_per_post", "ctr", "conversion_rate")
# Each KPI (registry key) and the bases it is built from.
KPIS = {
    "reach": ("reach_per_post",),
    "impressions": ("impressions_per_post",),
    "er_reach": ("reach_per_post", "er_reach"),
    "ctr": ("impressions_per_post", "ctr"),
    "clicks": ("impressions_per_post", "ctr"),
    "conversions": SELLS,
    "conversion_rate": SELLS,
    "cpa": SELLS,
    "cpe": ("reach_per_post", "er_reach"),
    "revenue": (*SELLS, "order_value"),
    "roas": (*SELLS, "order_value"),
}
LOWER_IS_BETTER = {"cpa", "cpe"}
COSTS = {"cpa": "conversions", "cpe": "engagements"}
ON_FEES = {"cpa", "cpe", "roas"}  # nothing to say of a partnership that cost nothing
# For a plan on a platform that does not report a raw metric, the chain that passes through it
# is replaced by the direct base: engagements per post instead of reach × ER, clicks per post
# instead of impressions × CTR.
SHORTCUTS = {
    "reach": (("reach_per_post", "er_reach"), "engagements_per_post"),
    "impressions": (("impressions_per_post", "ctr"), "clicks_per_post"),
}
STANDS_OUT = 1.5  # a plan drives the uncertainty when its range is this many times the rest's


@dataclass(frozen=True)
class Past:
    """One past partnership's totals (None: not measured)."""

    creator: str
    market: str
    tier: str
    platform: str
    started_on: dt.date
    posts: int
    followers: int = 0  # of the account, as it is known now (0: unknown)
    reach: float | None = None
    impressions: float | None = None
    engagements: float | None = None
    clicks: float | None = None
    conversions: float | None = None
    revenue: float | None = None  # in the currency of its market
    fee: float | None = None  # in the currency of its market
    campaign: str = ""  # the campaign market it was part of (its creators shared its days)
    unreported: frozenset[str] = frozenset()  # raw metrics its platform does not report


@dataclass(frozen=True)
class Plan:
    """A planned partnership; `name` says who it is to the reader."""

    creator: str
    market: str
    tier: str
    platform: str
    starts_on: dt.date
    posts: int
    fee: float
    name: str = ""
    followers: int = 0  # of the account (0: unknown, and nothing is forecast)
    unreported: frozenset[str] = frozenset()  # raw metrics its platform does not report


@dataclass(frozen=True)
class Forecast:
    metric: str
    median: float
    low80: float
    high80: float
    low95: float
    high95: float
    own_campaigns: float  # the least of the creators' own histories it rests on
    level: tuple  # the broadest group a creator was pulled towards
    drivers: tuple[str, ...]  # the plans that add the most uncertainty, most first
    samples: np.ndarray = field(repr=False, compare=False)

    @property
    def thin(self) -> bool:
        """A creator's own history is under two campaigns, or a group was broader than
        market × tier × platform."""
        return self.own_campaigns < 2 or len(self.level) < 3

    def chance_of(self, target: float) -> float:
        """The probability of reaching `target` (of staying at or under it, for a cost)."""
        if self.metric in LOWER_IS_BETTER:
            return float(np.mean(self.samples <= target))
        return float(np.mean(self.samples >= target))


def _scaled(base: str, past: Past) -> float | None:
    top, bottom, scale = BASES[base]
    numerator = getattr(past, top)
    denominator = past.posts * past.followers if bottom == "audience" else getattr(past, bottom)
    if numerator is None or denominator is None or denominator <= 0 or numerator < 0:
        return None
    if scale == "log":
        if bottom != "audience" and numerator <= 0:
            return None  # sales of no value: a tracking gap, not a price
        return math.log(max(numerator, 1.0) / denominator)
    # Half a success and half a failure more: a rate of 0 (or 1) has a finite logit.
    rate = (min(numerator, denominator) + 0.5) / (denominator + 1)
    return math.log(rate / (1 - rate))


def _back(base: str, values: np.ndarray) -> np.ndarray:
    return np.exp(values) if BASES[base][2] == "log" else 1 / (1 + np.exp(-values))


def fit_history(history: list[Past], on: dt.date) -> dict[str, shrinkage.Fitted | None]:
    """Each base quantity's model from the partnerships that started before `on` (what was
    known when the plan was made)."""
    fitted = {}
    history = sorted(history, key=lambda past: past.started_on)  # a creator's latest group last
    for base in BASES:
        values = []
        for past in history:
            value = _scaled(base, past)
            if value is None or past.started_on >= on:
                continue
            age = (on - past.started_on).days
            values.append(shrinkage.Value(
                creator=f"{past.creator}@{past.platform}",
                group=(past.market, past.tier, past.platform),
                value=value, weight=0.5 ** (age / HALF_LIFE_DAYS), occasion=past.campaign,
            ))  # fmt: skip
        fitted[base] = shrinkage.fit(values)
    return fitted


def missing(fitted: dict[str, shrinkage.Fitted | None], plans: list[Plan]) -> dict[str, str]:
    """Why a KPI has no forecast: "no_plan" (no partnership yet), "no_followers" (a planned
    account's audience is unknown), "no_history" (nothing measured what it is built from),
    "no_fee" (a cost, or a return, of partnerships that cost nothing)."""
    why = {}
    for kpi in KPIS:
        if not plans:
            why[kpi] = "no_plan"
        elif any(plan.followers <= 0 for plan in plans):
            why[kpi] = "no_followers"
        elif any(fitted.get(base) is None for plan in plans for base in needs(kpi, plan)):
            why[kpi] = "no_history"
        elif kpi in ON_FEES and sum(plan.fee for plan in plans) <= 0:
            why[kpi] = "no_fee"
    return why


def forecast(
    plans: list[Plan], fitted: dict[str, shrinkage.Fitted | None], draws: int = DRAWS
) -> dict[str, Forecast]:
    """Every KPI of the plans together (one campaign market's, or one partnership) that the
    history speaks to; `missing` says why the others are left out. The plans are taken to run
    in one campaign market: what its creators share is drawn once for all of them."""
    if any(plan.followers <= 0 for plan in plans):
        return {}  # `missing` says so: an amount per follower needs the followers
    rng = np.random.default_rng(SEED)
    ready = {base: model for base, model in fitted.items() if model is not None}
    # The plans run in one campaign: what its creators share (the week, the offer) is drawn
    # once for all of them, so a total is as uncertain as that makes it, not averaged away.
    market = plans[0].market if plans else ""
    common = {base: rng.standard_t(model.spread_for(market).noise_df, draws)
              for base, model in ready.items()}  # fmt: skip
    parts = [_draw(plan, ready, rng, draws, common) for plan in plans]
    fees = sum(plan.fee for plan in plans)
    each = [_amounts(part) for part in parts]  # once: every KPI is sums and ratios of these
    totals = {name: np.sum([amounts[name] for amounts in each], axis=0)
              for name in (each[0] if each else {})}  # fmt: skip
    found = {}
    for kpi in KPIS:
        if not parts or any(base not in ready for plan in plans for base in needs(kpi, plan)):
            continue
        if kpi in ON_FEES and fees <= 0:
            continue
        samples = _kpi(kpi, totals, fees)
        q = np.quantile(samples, LEVELS)
        predictives = [part[1][base] for part in parts for base in needs(kpi, part[0])]
        weakest = min(predictives, key=lambda p: (p.own_campaigns, len(p.level)))
        found[kpi] = Forecast(
            kpi, float(q[2]), float(q[1]), float(q[3]), float(q[0]), float(q[4]),
            weakest.own_campaigns, min((p.level for p in predictives), key=len),
            _drivers(kpi, plans, each), samples,
        )  # fmt: skip
    return found


def needs(kpi: str, plan: Plan) -> tuple[str, ...]:
    """The base quantities `kpi` is built from for this plan (SHORTCUTS where its platform
    does not report what a chain passes through)."""
    bases = KPIS[kpi]
    for raw, (chain, direct) in SHORTCUTS.items():
        if raw in plan.unreported and all(base in bases for base in chain):
            bases = (*(base for base in bases if base not in chain), direct)
    return bases


def _draw(plan: Plan, fitted: dict, rng, draws: int, common: dict) -> tuple:
    group = (plan.market, plan.tier, plan.platform)
    predictives = {base: shrinkage.predict(model, f"{plan.creator}@{plan.platform}", group)
                   for base, model in fitted.items()}  # fmt: skip
    sampled = {base: _back(base, p.sample(rng, draws, common[base]))
               for base, p in predictives.items()}  # fmt: skip
    return plan, predictives, sampled


def _amounts(part) -> dict[str, np.ndarray]:
    """One plan's simulated totals: what its KPIs are sums and ratios of. What its platform
    does not report stays 0 (it will not be measured either), and what passes through it
    comes straight from the audience."""
    plan, _predictives, draws = part
    zero = np.zeros(len(next(iter(draws.values())))) if draws else np.zeros(0)
    audience = plan.posts * plan.followers

    def drawn(base: str) -> np.ndarray:
        return draws.get(base, zero)

    if "reach" in plan.unreported:
        reach, engagements = zero, drawn("engagements_per_post") * audience
    else:
        reach = drawn("reach_per_post") * audience
        engagements = reach * drawn("er_reach")
    if "impressions" in plan.unreported:
        impressions, clicks = zero, drawn("clicks_per_post") * audience
    else:
        impressions = drawn("impressions_per_post") * audience
        clicks = impressions * drawn("ctr")
    conversions = clicks * drawn("conversion_rate")
    return {
        "reach": reach,
        "impressions": impressions,
        "engagements": engagements,
        "clicks": clicks,
        "conversions": conversions,
        "revenue": conversions * drawn("order_value"),
    }


def _kpi(kpi: str, totals: dict[str, np.ndarray], fees: float) -> np.ndarray:
    tiny = 1e-9  # a simulated total is never exactly zero; this keeps a ratio finite anyway
    ratios = {"er_reach": ("engagements", "reach"), "ctr": ("clicks", "impressions"),
              "conversion_rate": ("conversions", "clicks")}  # fmt: skip
    if kpi in ratios:
        top, bottom = ratios[kpi]
        return totals[top] / np.maximum(totals[bottom], tiny)
    if kpi in COSTS:
        return fees / np.maximum(totals[COSTS[kpi]], tiny)
    if kpi == "roas":
        return totals["revenue"] / fees
    return totals[kpi]


def _drivers(kpi: str, plans: list[Plan], each: list[dict[str, np.ndarray]]) -> tuple[str, ...]:
    """The plans whose own part varies far more than the others' (half as much again as the
    median of the rest, or more), widest first, at most three; none when no one stands out
    (naming every creator would say nothing)."""
    if len(plans) < 2:
        return ()
    amount = {"er_reach": "engagements", "ctr": "clicks", "conversion_rate": "conversions",
              "cpa": "conversions", "cpe": "engagements",
              "roas": "revenue"}.get(kpi, kpi)  # fmt: skip
    # The width of each part's 80% range: a variance would be ruled by a heavy tail's few
    # extreme draws.
    spread = [float(np.subtract(*np.quantile(amounts[amount], (0.9, 0.1)))) for amounts in each]
    ranked = sorted(range(len(plans)), key=lambda i: spread[i], reverse=True)
    standing = [i for i in ranked
                if spread[i] >= STANDS_OUT * float(np.median(spread[:i] + spread[i + 1:]))
                and spread[i] > 0]  # fmt: skip
    names = dict.fromkeys(plans[i].name or plans[i].creator for i in standing)  # once each
    return tuple(names)[:3]
