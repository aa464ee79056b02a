"""Can a test succeed at all? Sample size and minimum detectable effect for two proportions."""

import math

from scipy import optimize, stats

from aftercast.stats import validation as check


def _power(n: float, p_a: float, p_b: float, alpha: float) -> float:
    # the normal approximation of R's power.prop.test (two-sided, strict = FALSE)
    q_a, q_b = 1 - p_a, 1 - p_b
    pooled = math.sqrt((p_a + p_b) * (q_a + q_b) / 2)
    z_alpha = stats.norm.ppf(1 - alpha / 2)
    spread = math.sqrt(p_a * q_a + p_b * q_b)
    return float(stats.norm.cdf((math.sqrt(n) * abs(p_a - p_b) - z_alpha * pooled) / spread))


def sample_size_two_proportions(p_a: float, p_b: float, alpha=0.05, power=0.8) -> float:
    """Return the units needed per arm to detect p_a vs p_b (round up before planning)."""
    p_a, p_b = check.probability("p_a", p_a), check.probability("p_b", p_b)
    alpha, power = check.probability("alpha", alpha), check.probability("power", power)
    if p_a == p_b:
        raise ValueError("p_a and p_b must differ: there is no effect to detect")
    z_alpha, z_beta = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    pooled = (p_a + p_b) / 2
    root = z_alpha * math.sqrt(2 * pooled * (1 - pooled)) + z_beta * math.sqrt(
        p_a * (1 - p_a) + p_b * (1 - p_b)
    )
    return float(root**2 / (p_a - p_b) ** 2)


def test_power(p_a: float, p_b: float, n_per_arm: float, alpha=0.05) -> float:
    """Return the power of a two-sided two-proportion test with n units per arm."""
    p_a, p_b = check.probability("p_a", p_a), check.probability("p_b", p_b)
    n = check.positive("n_per_arm", n_per_arm)
    return _power(n, p_a, p_b, check.probability("alpha", alpha))


def minimum_detectable_effect(p_a: float, n_per_arm: float, alpha=0.05, power=0.8) -> float:
    """Return the smallest relative lift of p_a that n units per arm detect with this power."""
    p_a = check.probability("p_a", p_a)
    n = check.positive("n_per_arm", n_per_arm)
    alpha, power = check.probability("alpha", alpha), check.probability("power", power)
    upper = 1 - 1e-9
    if _power(n, p_a, upper, alpha) < power:
        raise ValueError("n_per_arm is too small: no rate up to 100% could be detected")
    p_b = optimize.brentq(
        lambda candidate: _power(n, p_a, candidate, alpha) - power, p_a + 1e-12, upper
    )
    return float(p_b / p_a - 1)


test_power.__test__ = False  # type: ignore[attr-defined]  # not a pytest test despite its name
