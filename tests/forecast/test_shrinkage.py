"""The pooling model on data drawn from it, with known true values: intervals cover the next
campaign at their nominal rate, shrinkage goes the right way, a thin history widens."""

import numpy as np

from aftercast.forecast import shrinkage
from aftercast.forecast.shrinkage import Value

MU = {("RU", "micro", "instagram"): -3.0, ("US", "micro", "tiktok"): -3.6,
      ("US", "mid", "instagram"): -4.1}  # fmt: skip
SIGMA, TAU = 0.35, 0.5


def simulate(seed: int, creators_per_group: int = 12):
    """Creators with true levels around their group's, each with 0–8 past campaigns and one
    next campaign to forecast."""
    rng = np.random.default_rng(seed)
    past, future = [], []
    for group, mu in MU.items():
        for n in range(creators_per_group):
            creator = f"{group}-{n}"
            theta = rng.normal(mu, TAU)
            past += [Value(creator, group, rng.normal(theta, SIGMA)) for _ in range(n % 9)]
            future.append((creator, group, rng.normal(theta, SIGMA)))
    return past, future


def test_intervals_cover_the_next_campaign_at_their_nominal_rate():
    inside80 = inside95 = total = 0
    for seed in range(30):  # 30 workspaces x 36 creators: about a thousand forecasts
        past, future = simulate(seed)
        fitted = shrinkage.fit(past)
        for creator, group, actual in future:
            predictive = shrinkage.predict(fitted, creator, group)
            inside80 += predictive.quantile(0.1) <= actual <= predictive.quantile(0.9)
            inside95 += predictive.quantile(0.025) <= actual <= predictive.quantile(0.975)
            total += 1
    # Nominal within sampling error (binomial, about three standard errors at n ≈ 1000).
    assert 0.76 <= inside80 / total <= 0.84, inside80 / total
    assert 0.93 <= inside95 / total <= 0.975, inside95 / total


def test_one_campaign_is_pulled_to_the_group_twenty_are_not():
    rng = np.random.default_rng(7)
    group, mu, own = ("US", "micro", "tiktok"), -3.6, -2.6
    # Campaigns vary more than creators do, as in real exports: one campaign says little.
    levels = rng.normal(mu, 0.4, 40)
    crowd = [Value(f"c{n}", group, level + rng.normal(0, 0.5))
             for n, level in enumerate(levels) for _ in range(3)]  # fmt: skip
    once = [Value("once", group, own)]
    often = [Value("often", group, own + rng.normal(0, 0.5)) for _ in range(20)]
    fitted = shrinkage.fit(crowd + once + often)

    def pull(creator, values):
        mean = sum(v.value for v in values) / len(values)
        return (mean - shrinkage.predict(fitted, creator, group).center) / (mean - mu)

    assert pull("once", once) > 0.4  # a good part of the way to the group
    assert pull("often", often) < 0.15  # twenty campaigns speak for themselves
    assert shrinkage.predict(fitted, "often", group).scale < shrinkage.predict(
        fitted, "once", group).scale  # fmt: skip


def test_a_thin_group_falls_back_to_a_broader_one_and_widens():
    past, _future = simulate(3)
    fitted = shrinkage.fit(past + [Value("lonely", ("KZ", "micro", "vk"), -2.0)])
    lonely = shrinkage.predict(fitted, "newcomer", ("KZ", "micro", "vk"))
    assert lonely.level == ()  # one campaign in Kazakhstan: the whole workspace's level
    rich = shrinkage.predict(fitted, "newcomer", ("US", "micro", "tiktok"))
    assert rich.level == ("US", "micro", "tiktok")
    width = lambda p: p.quantile(0.9) - p.quantile(0.1)  # noqa: E731
    assert width(lonely) > width(rich)


def test_nothing_to_learn_from_is_said_not_guessed():
    assert shrinkage.fit([]) is None
    assert shrinkage.fit([Value("a", ("RU",), float("nan"))]) is None


def test_nobody_ran_twice_still_gives_an_honest_interval():
    fitted = shrinkage.fit([Value(f"c{n}", ("RU",), float(n)) for n in range(5)])
    predictive = shrinkage.predict(fitted, "c9", ("RU",))
    assert np.isfinite(predictive.center) and predictive.scale > 1.0
    assert min(predictive.level_df, predictive.noise_df) <= 4  # heavy tails: little to go on


def test_a_market_that_swings_more_gets_wider_ranges_than_a_steady_one():
    """Two markets, one steady (campaigns within ±0.1 of a creator's level), one that swings
    (±0.6): ranges read from the workspace as a whole would be too wide for the first and too
    narrow for the second; each market's own spread covers both at the nominal rate."""
    swings = {"RU": 0.1, "US": 0.6}
    inside: dict[str, list[bool]] = {"RU": [], "US": []}
    for seed in range(10):
        rng = np.random.default_rng(100 + seed)
        past, future = [], []
        for market, sigma in swings.items():
            for n in range(20):
                creator, theta = f"{market}-{n}", rng.normal(-3.0, 0.3)
                past += [Value(creator, (market,), rng.normal(theta, sigma)) for _ in range(3)]
                future.append((creator, market, rng.normal(theta, sigma)))
        fitted = shrinkage.fit(past)
        for creator, market, actual in future:
            predictive = shrinkage.predict(fitted, creator, (market,))
            inside[market].append(predictive.quantile(0.1) <= actual <= predictive.quantile(0.9))
    assert fitted.spread_for("US").sigma2 > 10 * fitted.spread_for("RU").sigma2
    for market in swings:  # 200 forecasts each: nominal within about three standard errors
        assert 0.72 <= np.mean(inside[market]) <= 0.88, (market, np.mean(inside[market]))
