"""Partial pooling of a creator towards their group, on a scale where values are about
symmetric (log for amounts, logit for rates): an empirical-Bayes model with recency weights,

    campaign value  y = theta_creator + campaign's turn     (scale sigma, tails read from data)
    creator level   theta = mu_group + creator's own        (scale tau, tails read from data)

sigma² and tau² are estimated over all groups (a group alone is too small to say much about
its spread), and per market where a market's differ (an F-test). mu per group is a
recency-weighted median of its creators (one campaign unlike the others does not drag it),
falling back to a broader group when a group is thin. Both parts are Student t:
heavier-tailed when the data say so, and with fewer degrees of freedom the less data there
is, so a thin history widens the interval instead of pretending. Of the campaign's turn, the
part its creators shared (the same week, the same offer) is estimated too, so the creators
planned together for one campaign rise and fall together."""

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import numpy as np
from scipy import optimize, stats

# A group needs this many campaigns from at least two creators to stand on its own.
MIN_GROUP_CAMPAIGNS = 4
MIN_DEGREES = 2.0
GROUP_DRIFT = 2  # a group's level forgets twice as fast as a creator's own campaigns
MIN_SPREAD = 1e-6  # the least campaign-to-campaign variance assumed (sd 0.1 % on a log scale)
# A market's own spread is used when an F-test says it differs from the workspace's at this level.
SPREAD_DIFFERS = 0.05
# Tails are read from 30 deviations or more, as a t of 2.5 to 30 degrees of freedom.
MIN_TAIL_CAMPAIGNS = 30
TAIL_DEGREES = (2.5, 30.0)


@dataclass(frozen=True)
class Value:
    """One past campaign of one creator, on the model scale."""

    creator: str
    group: tuple  # broadest part first, e.g. (market, tier, platform); prefixes are broader
    value: float
    weight: float = 1.0  # recency: 1 for a campaign today, less for older ones
    occasion: str = ""  # the campaign (market) it ran in: its creators shared its conditions


@dataclass(frozen=True)
class Predictive:
    """The next campaign's value on the model scale: center + what is unknown of the
    creator's level (level_scale · t(level_df)) + the campaign's own turn (noise_scale ·
    t(noise_df)), of which `shared` moves with every creator of the same campaign."""

    center: float
    level_scale: float
    level_df: float
    noise_scale: float
    noise_df: float
    own_campaigns: float  # the creator's effective number of campaigns (recency-weighted)
    level: tuple  # the group the prior came from (() for everything)
    group_campaigns: int
    shared: float = 0.0

    @property
    def scale(self) -> float:
        return math.hypot(self.level_scale, self.noise_scale)

    def quantile(self, q: float) -> float:
        """By simulation (a sum of two t's has no closed form); seeded, so always the same."""
        return float(np.quantile(self._draws, q))

    @cached_property
    def _draws(self):
        return self.sample(np.random.default_rng(0), 50_000)

    def sample(self, rng, size: int, common=None):
        """Draws of the value; `common`, one campaign's shared draws (standard t of
        noise_df), makes the creators planned together rise and fall together by as much as
        they did."""
        level = self.level_scale * rng.standard_t(self.level_df, size)
        if common is None:
            return self.center + level + self.noise_scale * rng.standard_t(self.noise_df, size)
        own = math.sqrt(max(self.noise_scale**2 - self.shared**2, 0.0))
        return (self.center + level + own * rng.standard_t(self.noise_df, size)
                + self.shared * common)  # fmt: skip


@dataclass(frozen=True)
class Level:
    """A group (or a broader prefix of groups) and what its creators' means say."""

    mean: float
    creators: int
    campaigns: int
    mean_variance: float  # how uncertain `mean` is

    @property
    def stands(self) -> bool:
        return self.campaigns >= MIN_GROUP_CAMPAIGNS and self.creators >= 2


@dataclass(frozen=True)
class Spread:
    """How far values spread, on the model scale."""

    sigma2: float  # within a creator, campaign to campaign (the t's scale²)
    tau2: float  # between creators of a group
    df: float  # what sigma² and tau² rest on: how well a creator's level is known
    noise_df: float  # how heavy the tails of campaign-to-campaign changes are
    shared2: float = 0.0  # of sigma², what the creators of one campaign share
    sigma_df: float = 0.0  # what sigma² rests on
    tau_df: float = 0.0  # what tau² rests on


@dataclass(frozen=True)
class Fitted:
    spread: Spread  # the whole workspace's
    by_creator: dict  # creator -> (sum of weights, weighted sum, group)
    by_level: dict  # group prefix -> Level
    between_groups: dict  # group prefix -> (variance of its groups' means, how many groups)
    by_market: dict = field(default_factory=dict)  # a group's first part -> its own Spread

    def spread_for(self, market: str) -> Spread:
        """A market's own spread where its history shows it differs from the workspace's
        (one sells steadily, another swings from launch to launch); else the workspace's."""
        return self.by_market.get(market, self.spread)


def fit(values: Iterable[Value]) -> Fitted | None:
    """The variance components and group means; None when there is nothing to learn from."""
    values = [v for v in values if math.isfinite(v.value) and v.weight > 0]
    if not values:
        return None
    per_creator: dict[str, list[Value]] = defaultdict(list)
    for item in values:
        per_creator[item.creator].append(item)
    means = {c: _weighted_mean(items) for c, items in per_creator.items()}
    spread, levels, _enough = _spread(per_creator, means)
    by_market = {}
    for market in {items[-1].group[0] for items in per_creator.values() if items[-1].group}:
        own = {c: items for c, items in per_creator.items() if items[-1].group[:1] == (market,)}
        found, _levels, enough = _spread(own, means, levels)
        if enough and _differs(found, spread):
            by_market[market] = found
    by_creator = {c: (sum(v.weight for v in items), sum(v.weight * v.value for v in items),
                      items[-1].group) for c, items in per_creator.items()}  # fmt: skip
    return Fitted(
        spread=spread,
        by_creator=by_creator,
        by_level=levels,
        between_groups=_between_groups(levels, spread.tau2),
        by_market=by_market,
    )


def _spread(
    per_creator: dict[str, list[Value]], means: dict, levels: dict | None = None
) -> tuple[Spread, dict, bool]:
    """The spread of these creators' values, their groups' levels, and whether there were
    enough repeat campaigns (MIN_TAIL_CAMPAIGNS) to read the spread from them alone.
    `levels`: the workspace's, already found (a group's level is the same whichever spread
    is being read)."""
    sigma2, sigma_df, residuals = _within(per_creator.values())
    heavy = _tails([r for r, _occasion in residuals])
    if heavy is not None:
        sigma2 = heavy[1]  # the t's scale²: a few wild campaigns do not widen every range
    # Repeat campaigns that came out exactly alike (one price, every sale) still leave a
    # little room: a spread of 0 would divide by zero and promise the impossible.
    sigma2 = max(sigma2, MIN_SPREAD)
    tau2, tau_df = _between(per_creator, means, sigma2)
    if sigma_df == 0:  # nobody ran twice: the spread of campaigns is all we can see
        everything = [v.value for items in per_creator.values() for v in items]
        sigma2 = tau2 = _variance(everything) or 1.0
        sigma_df = tau_df = max(len(everything) - 1.0, 0.0)
    if levels is None:
        levels = _levels(per_creator, means, sigma2, tau2)
    # How heavy the tails of creators around their groups are, read the same way: each
    # creator's mean off their group's, in units of what it should be off by.
    apart = _tails([(means[c] - levels[items[-1].group].mean)
                    / math.sqrt(tau2 + sigma2 / sum(v.weight for v in items))
                    for c, items in per_creator.items()])  # fmt: skip
    df = max(min(sigma_df, tau_df, apart[0] if apart else math.inf), MIN_DEGREES)
    noise_df = max(min(sigma_df, heavy[0] if heavy else math.inf), MIN_DEGREES)
    shared = _shared(residuals, _variance_of_t(sigma2, noise_df))
    spread = Spread(sigma2, tau2, df, noise_df, sigma2 * shared, sigma_df, tau_df)
    return spread, levels, len(residuals) >= MIN_TAIL_CAMPAIGNS


def _differs(market: Spread, workspace: Spread) -> bool:
    """Whether a market's campaigns (sigma²) or creators (tau²) spread differently from the
    whole workspace's, beyond chance (a two-sided F-test of the variances): only then is its
    own, noisier estimate worth using."""
    for own, own_df, everyone, everyone_df in (
        (_variance_of_t(market.sigma2, market.noise_df), market.sigma_df,
         _variance_of_t(workspace.sigma2, workspace.noise_df), workspace.sigma_df),
        (market.tau2, market.tau_df, workspace.tau2, workspace.tau_df),
    ):  # fmt: skip
        if min(own_df, everyone_df) <= 0 or everyone <= 0:
            continue
        ratio = own / everyone
        tail = min(stats.f.cdf(ratio, own_df, everyone_df), stats.f.sf(ratio, own_df, everyone_df))
        if 2 * tail < SPREAD_DIFFERS:
            return True
    return False


def _variance_of_t(scale2: float, df: float) -> float:
    """The variance of a t of that scale² (its degrees of freedom taken as at least
    TAIL_DEGREES[0], where the variance is finite)."""
    df = max(df, TAIL_DEGREES[0])
    return scale2 * df / (df - 2)


def predict(fitted: Fitted, creator: str, group: tuple) -> Predictive:
    """The creator's next campaign in `group`: their own history pulled towards the group's,
    the more so the less of it there is."""
    spread = fitted.spread_for(group[0] if group else "")
    level = _level_for(fitted, group)
    found = fitted.by_level[level]
    tau2, df = spread.tau2, spread.df
    if level != group:
        # A broader group's mean is not this group's: its groups differ by so much more, and
        # how much is known only as well as there are groups to compare.
        between, groups = fitted.between_groups[level]
        tau2 += between
        df = min(df, max(groups - 1.0, MIN_DEGREES))
    weight, total, _group = fitted.by_creator.get(creator, (0.0, 0.0, group))
    precision = 1 / tau2 + weight / spread.sigma2
    center = (found.mean / tau2 + total / spread.sigma2) / precision
    pulled = (1 / tau2) / precision  # the share of the group in the center
    unknown = 1 / precision + pulled**2 * found.mean_variance
    return Predictive(
        center, math.sqrt(unknown), df, math.sqrt(spread.sigma2), spread.noise_df, weight,
        level, found.campaigns, math.sqrt(min(spread.shared2, spread.sigma2)),
    )  # fmt: skip


def _level_for(fitted: Fitted, group: tuple) -> tuple:
    for size in range(len(group), -1, -1):
        level = group[:size]
        found = fitted.by_level.get(level)
        if found and (found.stands or size == 0):
            return level
    return ()


def _shared(residuals: list[tuple[float, str]], variance: float) -> float:
    """The share of the campaign-to-campaign variance (`variance`) that the creators of one
    campaign share: how far their deviations from their own means move together, campaign
    by campaign (the between-campaign component of a one-way random-effects model, by the
    method of moments), from 0 to 0.9."""
    by_occasion: dict[str, list[float]] = defaultdict(list)
    for residual, occasion in residuals:
        if occasion:
            by_occasion[occasion].append(residual)
    runs = [found for found in by_occasion.values() if len(found) >= 2]
    total = sum(len(found) for found in runs)
    if len(runs) < 3 or variance <= 0:
        return 0.0
    grand = sum(sum(found) for found in runs) / total
    means = [sum(found) / len(found) for found in runs]
    between = sum(len(found) * (m - grand) ** 2 for found, m in zip(runs, means, strict=True))
    within = sum((x - m) ** 2 for found, m in zip(runs, means, strict=True) for x in found)
    per_run = (total - sum(len(found) ** 2 for found in runs) / total) / (len(runs) - 1)
    component = (between / (len(runs) - 1) - within / (total - len(runs))) / per_run
    return min(max(component / variance, 0.0), 0.9)


def _weighted_median(pairs: list[tuple[float, float]]) -> float:
    """The value at half the total weight of (value, weight) pairs."""
    pairs = sorted(pairs)
    half = sum(weight for _value, weight in pairs) / 2
    running = 0.0
    for value, weight in pairs:
        running += weight
        if running >= half:
            return value
    return pairs[-1][0]


def _weighted_mean(items: Sequence[Value]) -> float:
    return sum(v.weight * v.value for v in items) / sum(v.weight for v in items)


def _variance(numbers: list[float]) -> float:
    if len(numbers) < 2:
        return 0.0
    mean = sum(numbers) / len(numbers)
    return sum((x - mean) ** 2 for x in numbers) / (len(numbers) - 1)


def _within(groups: Iterable[list[Value]]) -> tuple[float, float, list[tuple[float, str]]]:
    """Pooled campaign-to-campaign variance of creators who ran more than once, and each
    campaign's deviation from its creator's mean (scaled to a deviation from the true one)
    with the campaign it was in."""
    squares, df, residuals = 0.0, 0.0, []
    for items in groups:
        if len(items) < 2:
            continue
        mean = _weighted_mean(items)
        weight = sum(v.weight for v in items)
        # Recency-weighted, with the degrees of freedom of its effective sample size.
        effective = weight**2 / sum(v.weight**2 for v in items)
        # The weighted mean square times the effective size: the sum of squares it stands for.
        squares += sum(v.weight * (v.value - mean) ** 2 for v in items) / weight * effective
        df += effective - 1
        stretch = math.sqrt(len(items) / (len(items) - 1))
        residuals += [((v.value - mean) * stretch, v.occasion) for v in items]
    return (squares / df if df > 0 else 0.0), df, residuals


def _tails(residuals: list[float]) -> tuple[float, float] | None:
    """The Student t that deviations (campaign to campaign, or creator to group) follow, read
    from their quantiles: its scale from the middle half, its degrees of freedom from how far
    the outer 5% lie beyond it; and its scale². A campaign now and then unlike a creator's
    others (a new offer, a platform's change) makes the tails heavy, and a normal curve of
    the same variance would be too wide in the middle and too narrow at the ends. None: too
    few to say, or no heavier than normal."""
    if len(residuals) < MIN_TAIL_CAMPAIGNS:
        return None
    sizes = sorted(abs(r) for r in residuals)
    middle = sizes[len(sizes) // 2]
    outer = sizes[int(0.95 * (len(sizes) - 1))]
    if middle <= 0:
        return None
    ratio = outer / middle
    low, high = TAIL_DEGREES
    if ratio <= _t_ratio(high):
        return None
    if ratio >= _t_ratio(low):
        df = low
    else:  # the ratio falls as the degrees of freedom rise: one root between the bounds
        df = optimize.brentq(lambda d: _t_ratio(d) - ratio, low, high, xtol=1e-10)
    scale = middle / float(stats.t.ppf(0.75, df))
    return df, scale**2


@cache  # the bounds' ratios are asked for by every fit
def _t_ratio(df: float) -> float:
    return float(stats.t.ppf(0.975, df) / stats.t.ppf(0.75, df))


def _between(per_creator, means: dict, sigma2: float) -> tuple[float, float]:
    """Creator-to-creator variance within groups: the spread of creator means around their
    group's, less what their own campaign noise explains (method of moments)."""
    by_group: dict[tuple, list[str]] = defaultdict(list)
    for creator, items in per_creator.items():
        by_group[items[-1].group].append(creator)
    squares, df, noise = 0.0, 0.0, 0.0
    for creators in by_group.values():
        if len(creators) < 2:
            continue
        center = sum(means[c] for c in creators) / len(creators)
        squares += sum((means[c] - center) ** 2 for c in creators)
        noise += sum(sigma2 / sum(v.weight for v in per_creator[c]) for c in creators) * (
            (len(creators) - 1) / len(creators)
        )
        df += len(creators) - 1
    if df == 0:
        return max(sigma2, 1e-6), 0.0
    return max((squares - noise) / df, sigma2 * 0.05, 1e-6), df


def _levels(per_creator, means: dict, sigma2: float, tau2: float) -> dict:
    """For every group and each broader prefix of it: the level of its creators' means, how
    many creators and campaigns, and how uncertain that mean is."""
    members: dict[tuple, list[str]] = defaultdict(list)
    for creator, items in per_creator.items():
        group = items[-1].group
        for size in range(len(group) + 1):
            members[group[:size]].append(creator)
    levels = {}
    for level, creators in members.items():
        campaigns = sum(len(per_creator[c]) for c in creators)
        # Each creator counts as much as their latest campaign is recent, on a clock that
        # runs GROUP_DRIFT times as fast as a creator's own: a group's level follows the
        # market (offers, feeds, prices), which moves faster than a creator's audience.
        mu = _weighted_median([(means[c], max(v.weight for v in per_creator[c]) ** GROUP_DRIFT)
                               for c in creators])  # fmt: skip
        spread = sum(tau2 + sigma2 / sum(v.weight for v in per_creator[c]) for c in creators)
        levels[level] = Level(mu, len(creators), campaigns, spread / len(creators) ** 2)
    return levels


def _between_groups(levels: dict, tau2: float) -> dict:
    """For each level, how far the means of the groups standing under it spread (less their
    own uncertainty), and how many there are; with fewer than two, the whole workspace's
    spread, and with none at all, the creators' own (tau²)."""
    standing = {level: item for level, item in levels.items() if item.stands}
    deepest = max((len(level) for level in standing), default=0)

    def spread(prefix: tuple) -> tuple[float, int]:
        under = [item for level, item in standing.items()
                 if len(level) == deepest and level[: len(prefix)] == prefix]  # fmt: skip
        if len(under) < 2:
            return -1.0, len(under)
        center = sum(item.mean for item in under) / len(under)
        observed = sum((item.mean - center) ** 2 for item in under) / (len(under) - 1)
        noise = sum(item.mean_variance for item in under) / len(under)
        return max(observed - noise, 0.0), len(under)

    everywhere = spread(())
    found = {}
    for level in levels:
        value, groups = spread(level)
        if value < 0:
            value, groups = everywhere if everywhere[0] >= 0 else (tau2, 0)
        found[level] = (value, groups)
    return found
