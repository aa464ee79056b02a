"""Partial pooling of a creator towards their group, on a scale where values are about normal
(log for amounts, logit for rates): an empirical-Bayes normal-normal model with recency
weights, and a Student-t predictive whose degrees of freedom shrink with the data, so a thin
history widens the interval instead of pretending.

    campaign value  y ~ N(theta_creator, sigma²)      (sigma: one creator, campaign to campaign)
    creator level   theta ~ N(mu_group, tau²)          (tau: creators of the same group)

sigma² and tau² are estimated over all groups (a group alone is too small to say much about
its spread); mu per group, falling back to a broader group when a group is thin."""

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scipy import stats

# A group needs this many campaigns from at least two creators to stand on its own.
MIN_GROUP_CAMPAIGNS = 4
MIN_DEGREES = 2.0


@dataclass(frozen=True)
class Value:
    """One past campaign of one creator, on the model scale."""

    creator: str
    group: tuple  # most specific first, e.g. (market, tier, platform); prefixes are broader
    value: float
    weight: float = 1.0  # recency: 1 for a campaign today, less for older ones


@dataclass(frozen=True)
class Predictive:
    """The next campaign's value on the model scale: center + scale · t(df)."""

    center: float
    scale: float
    df: float
    own_campaigns: float  # the creator's effective number of campaigns (recency-weighted)
    level: tuple  # the group the prior came from (() for everything)
    group_campaigns: int

    def quantile(self, q: float) -> float:
        return self.center + self.scale * float(stats.t.ppf(q, self.df))

    def sample(self, rng, size: int):
        return self.center + self.scale * rng.standard_t(self.df, size)


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
class Fitted:
    sigma2: float  # within a creator, campaign to campaign
    tau2: float  # between creators of a group
    df: float  # what sigma² and tau² rest on
    by_creator: dict  # creator -> (sum of weights, weighted sum, group)
    by_level: dict  # group prefix -> Level
    between_groups: dict  # group prefix -> (variance of its groups' means, how many groups)


def fit(values: Iterable[Value]) -> Fitted | None:
    """The variance components and group means; None when there is nothing to learn from."""
    values = [v for v in values if math.isfinite(v.value) and v.weight > 0]
    if not values:
        return None
    per_creator: dict[str, list[Value]] = defaultdict(list)
    for item in values:
        per_creator[item.creator].append(item)
    sigma2, sigma_df = _within(per_creator.values())
    means = {c: _weighted_mean(items) for c, items in per_creator.items()}
    tau2, tau_df = _between(per_creator, means, sigma2)
    if sigma_df == 0:  # nobody ran twice: the spread of campaigns is all we can see
        sigma2 = tau2 = _variance([v.value for v in values]) or 1.0
        sigma_df = tau_df = max(len(values) - 1.0, 0.0)
    by_creator = {c: (sum(v.weight for v in items), sum(v.weight * v.value for v in items),
                      items[-1].group) for c, items in per_creator.items()}  # fmt: skip
    levels = _levels(per_creator, means, sigma2, tau2)
    return Fitted(
        sigma2=sigma2,
        tau2=tau2,
        df=max(min(sigma_df, tau_df), MIN_DEGREES),
        by_creator=by_creator,
        by_level=levels,
        between_groups=_between_groups(levels, tau2),
    )


def predict(fitted: Fitted, creator: str, group: tuple) -> Predictive:
    """The creator's next campaign in `group`: their own history pulled towards the group's,
    the more so the less of it there is."""
    level = _level_for(fitted, group)
    found = fitted.by_level[level]
    tau2, df = fitted.tau2, fitted.df
    if level != group:
        # A broader group's mean is not this group's: its groups differ by so much more, and
        # how much is known only as well as there are groups to compare.
        spread, groups = fitted.between_groups[level]
        tau2 += spread
        df = min(df, max(groups - 1.0, MIN_DEGREES))
    weight, total, _group = fitted.by_creator.get(creator, (0.0, 0.0, group))
    precision = 1 / tau2 + weight / fitted.sigma2
    center = (found.mean / tau2 + total / fitted.sigma2) / precision
    pulled = (1 / tau2) / precision  # the share of the group in the center
    variance = 1 / precision + pulled**2 * found.mean_variance + fitted.sigma2
    return Predictive(center, math.sqrt(variance), df, weight, level, found.campaigns)


def _level_for(fitted: Fitted, group: tuple) -> tuple:
    for size in range(len(group), -1, -1):
        level = group[:size]
        found = fitted.by_level.get(level)
        if found and (found.stands or size == 0):
            return level
    return ()


def _weighted_mean(items: Sequence[Value]) -> float:
    return sum(v.weight * v.value for v in items) / sum(v.weight for v in items)


def _variance(numbers: list[float]) -> float:
    if len(numbers) < 2:
        return 0.0
    mean = sum(numbers) / len(numbers)
    return sum((x - mean) ** 2 for x in numbers) / (len(numbers) - 1)


def _within(groups: Iterable[list[Value]]) -> tuple[float, float]:
    """Pooled campaign-to-campaign variance of creators who ran more than once."""
    squares, df = 0.0, 0.0
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
    return (squares / df if df > 0 else 0.0), df


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
    """For every group and each broader prefix of it: the mean of its creators' means, how
    many creators and campaigns, and how uncertain that mean is."""
    members: dict[tuple, list[str]] = defaultdict(list)
    for creator, items in per_creator.items():
        group = items[-1].group
        for size in range(len(group) + 1):
            members[group[:size]].append(creator)
    levels = {}
    for level, creators in members.items():
        campaigns = sum(len(per_creator[c]) for c in creators)
        mu = sum(means[c] for c in creators) / len(creators)
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
