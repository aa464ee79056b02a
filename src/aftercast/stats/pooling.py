"""Pooling one effect measured in several markets or campaigns (meta-analysis)."""

import math
from dataclasses import dataclass
from typing import Literal

from scipy import stats

from aftercast.stats import validation as check

Method = Literal["fixed", "DL", "REML"]
REML_TOLERANCE = 1e-10
REML_MAX_ITERATIONS = 200


@dataclass(frozen=True)
class PooledEffect:
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    tau2: float
    q: float
    q_p_value: float
    i2: float
    k: int
    method: str


def _weighted_mean(estimates, variances, tau2):
    weights = [1 / (v + tau2) for v in variances]
    total = sum(weights)
    return sum(w * y for w, y in zip(weights, estimates, strict=True)) / total, math.sqrt(1 / total)


def _cochran_q(estimates, variances) -> float:
    fixed, _se = _weighted_mean(estimates, variances, 0.0)
    return sum((y - fixed) ** 2 / v for y, v in zip(estimates, variances, strict=True))


def _tau2_dl(estimates, variances) -> float:
    # DerSimonian & Laird (1986) method-of-moments estimator
    weights = [1 / v for v in variances]
    c = sum(weights) - sum(w**2 for w in weights) / sum(weights)
    return max(0.0, (_cochran_q(estimates, variances) - (len(estimates) - 1)) / c)


def _tau2_reml(estimates, variances) -> float:
    # Fisher scoring on the restricted likelihood (as metafor's rma(method="REML")), from DL
    tau2 = _tau2_dl(estimates, variances)
    for _ in range(REML_MAX_ITERATIONS):
        weights = [1 / (v + tau2) for v in variances]
        mean = sum(w * y for w, y in zip(weights, estimates, strict=True)) / sum(weights)
        numerator = sum(
            w**2 * ((y - mean) ** 2 - v)
            for w, y, v in zip(weights, estimates, variances, strict=True)
        )
        updated = max(0.0, numerator / sum(w**2 for w in weights) + 1 / sum(weights))
        if abs(updated - tau2) < REML_TOLERANCE:
            return updated
        tau2 = updated
    return tau2


def pool_effects(estimates, variances, method: Method = "DL", alpha: float = 0.05) -> PooledEffect:
    """Pool effects (e.g. log risk ratios per market) by inverse-variance weights.

    `fixed` assumes one true effect; `DL` and `REML` let the true effect vary between markets
    (τ²). Q and I² say how much the markets disagree. One study pools to itself with τ² = 0.
    """
    ys = check.finite_sequence("estimates", estimates)
    vs = check.finite_sequence("variances", variances)
    if len(ys) != len(vs):
        raise ValueError(f"estimates ({len(ys)}) and variances ({len(vs)}) differ in length")
    for index, variance in enumerate(vs):
        check.positive(f"variances[{index}]", variance)
    if method not in ("fixed", "DL", "REML"):
        raise ValueError(f"method must be 'fixed', 'DL' or 'REML', got {method!r}")
    alpha = check.probability("alpha", alpha)
    k = len(ys)
    q = _cochran_q(ys, vs) if k > 1 else 0.0
    tau2 = 0.0
    if method != "fixed" and k > 1:
        tau2 = _tau2_dl(ys, vs) if method == "DL" else _tau2_reml(ys, vs)
    estimate, se = _weighted_mean(ys, vs, tau2)
    z = float(stats.norm.ppf(1 - alpha / 2))
    return PooledEffect(
        estimate=estimate,
        se=se,
        ci_low=estimate - z * se,
        ci_high=estimate + z * se,
        tau2=tau2,
        q=q,
        q_p_value=float(stats.chi2.sf(q, k - 1)) if k > 1 else 1.0,
        i2=max(0.0, (q - (k - 1)) / q) if q > 0 else 0.0,
        k=k,
        method=method,
    )


@dataclass(frozen=True)
class Interaction:
    difference: float
    se: float
    ci_low: float
    ci_high: float
    z: float
    p_value: float


def effect_difference(estimate_x, variance_x, estimate_y, variance_y, alpha=0.05) -> Interaction:
    """Test whether an effect differs between two markets (z-test of independent estimates)."""
    x, y = check.finite("estimate_x", estimate_x), check.finite("estimate_y", estimate_y)
    vx, vy = check.positive("variance_x", variance_x), check.positive("variance_y", variance_y)
    z_crit = float(stats.norm.ppf(1 - check.probability("alpha", alpha) / 2))
    difference, se = x - y, math.sqrt(vx + vy)
    z = difference / se
    return Interaction(
        difference,
        se,
        difference - z_crit * se,
        difference + z_crit * se,
        z,
        float(2 * stats.norm.sf(abs(z))),
    )


def log_risk_ratio(successes_a, trials_a, successes_b, trials_b) -> tuple[float, float]:
    """Return log(p_B / p_A) and its variance (Katz), ready for pool_effects."""
    x_a, n_a = check.successes_within_trials("successes_a", successes_a, "trials_a", trials_a)
    x_b, n_b = check.successes_within_trials("successes_b", successes_b, "trials_b", trials_b)
    if x_a == 0 or x_b == 0:
        raise ValueError("successes_a and successes_b must be positive for a log risk ratio")
    return math.log((x_b / n_b) / (x_a / n_a)), 1 / x_b - 1 / n_b + 1 / x_a - 1 / n_a
