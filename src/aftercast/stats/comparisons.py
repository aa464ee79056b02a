"""Two-arm comparisons of rates and of means: difference, lift, intervals, p-value, Bayes."""

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from aftercast.stats import validation as check

# Monte Carlo draws for the Bayesian lift interval; the seed keeps reports reproducible.
POSTERIOR_DRAWS = 200_000
POSTERIOR_SEED = 20_240_101


@dataclass(frozen=True)
class Comparison:
    """B against A. `lift` is B/A - 1, None where A is zero and the ratio has no meaning;
    `credible_interval` is the Bayesian interval of the difference B - A."""

    value_a: float
    value_b: float
    diff: float
    diff_ci: tuple[float, float]
    lift: float | None
    lift_ci: tuple[float, float] | None
    p_value: float
    prob_b_better: float
    credible_interval: tuple[float, float]
    method: str


def _z(alpha: float) -> float:
    return float(stats.norm.ppf(1 - check.probability("alpha", alpha) / 2))


def compare_proportions(
    successes_a: int,
    trials_a: int,
    successes_b: int,
    trials_b: int,
    alpha: float = 0.05,
    continuity: bool = False,
) -> Comparison:
    """Compare two rates (e.g. conversions / clicks).

    Difference: Wald interval on p_B - p_A and the two-proportion z-test (pooled variance),
    with Yates' continuity correction when `continuity` (R's prop.test default). Lift: Katz's
    log risk-ratio interval. Bayes: Beta(1 + x, 1 + n - x) posteriors (uniform priors).
    """
    x_a, n_a = check.successes_within_trials("successes_a", successes_a, "trials_a", trials_a)
    x_b, n_b = check.successes_within_trials("successes_b", successes_b, "trials_b", trials_b)
    z = _z(alpha)
    p_a, p_b = x_a / n_a, x_b / n_b
    diff = p_b - p_a
    correction = (1 / n_a + 1 / n_b) / 2 if continuity else 0.0
    se_diff = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    margin = z * se_diff + correction
    diff_ci = (max(-1.0, diff - margin), min(1.0, diff + margin))
    return Comparison(
        value_a=p_a,
        value_b=p_b,
        diff=diff,
        diff_ci=diff_ci,
        lift=p_b / p_a - 1 if p_a > 0 else None,
        lift_ci=_katz_lift_ci(x_a, n_a, x_b, n_b, z),
        p_value=_two_proportion_p(x_a, n_a, x_b, n_b, continuity),
        prob_b_better=beta_prob_b_better(x_a, n_a, x_b, n_b),
        credible_interval=_beta_diff_interval(x_a, n_a, x_b, n_b, alpha),
        method="two-proportion z-test" + (" with continuity correction" if continuity else ""),
    )


def _two_proportion_p(x_a: int, n_a: int, x_b: int, n_b: int, continuity: bool) -> float:
    pooled = (x_a + x_b) / (n_a + n_b)
    variance = pooled * (1 - pooled) * (1 / n_a + 1 / n_b)
    if variance == 0:
        return 1.0  # both arms all successes or all failures: no evidence of a difference
    gap = abs(x_b / n_b - x_a / n_a)
    if continuity:
        gap = max(0.0, gap - (1 / n_a + 1 / n_b) / 2)
    return float(2 * stats.norm.sf(gap / math.sqrt(variance)))


def _katz_lift_ci(x_a, n_a, x_b, n_b, z) -> tuple[float, float] | None:
    # log risk ratio, variance 1/x_b - 1/n_b + 1/x_a - 1/n_a (Katz et al. 1978)
    if x_a == 0 or x_b == 0:
        return None
    log_rr = math.log((x_b / n_b) / (x_a / n_a))
    se = math.sqrt(1 / x_b - 1 / n_b + 1 / x_a - 1 / n_a)
    return (math.exp(log_rr - z * se) - 1, math.exp(log_rr + z * se) - 1)


def beta_prob_b_better(x_a: int, n_a: int, x_b: int, n_b: int) -> float:
    """Return P(p_B > p_A) under Beta(1 + x, 1 + n - x) posteriors, by numerical integration."""
    post_a = stats.beta(1 + x_a, 1 + n_a - x_a)
    post_b = stats.beta(1 + x_b, 1 + n_b - x_b)
    grid = np.linspace(0, 1, 20_001)
    # P(B > A) = ∫ f_B(p) F_A(p) dp, trapezoid rule on a fine grid
    return float(min(1.0, max(0.0, np.trapezoid(post_b.pdf(grid) * post_a.cdf(grid), grid))))


def _beta_diff_interval(x_a, n_a, x_b, n_b, alpha) -> tuple[float, float]:
    """Return the equal-tailed credible interval of p_B - p_A, by seeded Monte Carlo."""
    rng = np.random.default_rng(POSTERIOR_SEED)
    draws_a = rng.beta(1 + x_a, 1 + n_a - x_a, POSTERIOR_DRAWS)
    draws_b = rng.beta(1 + x_b, 1 + n_b - x_b, POSTERIOR_DRAWS)
    low, high = np.quantile(draws_b - draws_a, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)


def compare_means(
    mean_a: float,
    sd_a: float,
    n_a: int,
    mean_b: float,
    sd_b: float,
    n_b: int,
    alpha: float = 0.05,
) -> Comparison:
    """Compare two means with unequal variances (Welch's t-test).

    Lift interval: delta method on log(mean_B / mean_A) with Welch degrees of freedom; only
    when both means are positive. Bayes: normal approximation, P(B > A) = Φ(diff / se).
    """
    m_a, m_b = check.finite("mean_a", mean_a), check.finite("mean_b", mean_b)
    s_a, s_b = check.non_negative("sd_a", sd_a), check.non_negative("sd_b", sd_b)
    size_a, size_b = check.count("n_a", n_a), check.count("n_b", n_b)
    if size_a < 2 or size_b < 2:
        raise ValueError("n_a and n_b must each be at least 2")
    alpha = check.probability("alpha", alpha)
    var_a, var_b = s_a**2 / size_a, s_b**2 / size_b
    se = math.sqrt(var_a + var_b)
    diff = m_b - m_a
    if se == 0:
        raise ValueError("sd_a and sd_b are both 0: the difference has no uncertainty to judge")
    # Welch–Satterthwaite degrees of freedom
    df = (var_a + var_b) ** 2 / (var_a**2 / (size_a - 1) + var_b**2 / (size_b - 1))
    t_crit = float(stats.t.ppf(1 - alpha / 2, df))
    p_value = float(2 * stats.t.sf(abs(diff / se), df))
    lift = lift_ci = None
    if m_a > 0 and m_b > 0:
        lift = m_b / m_a - 1
        se_log = math.sqrt(var_b / m_b**2 + var_a / m_a**2)
        log_ratio = math.log(m_b / m_a)
        lift_ci = (
            math.exp(log_ratio - t_crit * se_log) - 1,
            math.exp(log_ratio + t_crit * se_log) - 1,
        )
    z = float(stats.norm.ppf(1 - alpha / 2))
    return Comparison(
        value_a=m_a,
        value_b=m_b,
        diff=diff,
        diff_ci=(diff - t_crit * se, diff + t_crit * se),
        lift=lift,
        lift_ci=lift_ci,
        p_value=p_value,
        prob_b_better=float(stats.norm.cdf(diff / se)),
        credible_interval=(diff - z * se, diff + z * se),
        method="Welch t-test",
    )
