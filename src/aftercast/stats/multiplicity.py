"""Many findings at once: adjusted p-values and the data-quality guards a finding carries."""

from collections.abc import Sequence

from scipy import stats
from statsmodels.stats.multitest import multipletests

from aftercast.stats import validation as check

# Guard codes: stored on findings, translated by the UI.
TOO_FEW_UNITS = "too_few_units"
IMPLAUSIBLE_LIFT = "implausible_lift"
SAMPLE_RATIO_MISMATCH = "sample_ratio_mismatch"

MIN_UNITS_PER_ARM = 100
MAX_PLAUSIBLE_LIFT = 0.5
SRM_ALPHA = 0.001


def _p_values(p_values: Sequence[float]) -> list[float]:
    values = check.finite_sequence("p_values", p_values)
    for index, value in enumerate(values):
        if not 0 <= value <= 1:
            raise ValueError(f"p_values[{index}] must be between 0 and 1, got {value!r}")
    return values


def holm(p_values: Sequence[float]) -> list[float]:
    """Return Holm-adjusted p-values (family-wise error), in the input order."""
    return [float(p) for p in multipletests(_p_values(p_values), method="holm")[1]]


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Return Benjamini-Hochberg adjusted p-values (false discovery rate), in the input order."""
    return [float(p) for p in multipletests(_p_values(p_values), method="fdr_bh")[1]]


def sample_ratio_p_value(n_a: int, n_b: int, planned_share_a: float = 0.5) -> float:
    """Return the chi-square p-value of the observed split against the planned one."""
    a, b = check.count("n_a", n_a), check.count("n_b", n_b)
    share = check.probability("planned_share_a", planned_share_a)
    total = a + b
    if total == 0:
        raise ValueError("n_a and n_b are both 0")
    return float(stats.chisquare([a, b], [total * share, total * (1 - share)]).pvalue)


def finding_guards(
    n_a: int,
    n_b: int,
    lift: float | None,
    planned_share_a: float | None = 0.5,
    min_units: int = MIN_UNITS_PER_ARM,
    max_plausible_lift: float = MAX_PLAUSIBLE_LIFT,
) -> tuple[str, ...]:
    """Return the warnings a finding must carry: too few units, a lift more likely a tracking
    error than an effect, or arms whose exposure is far from plan (not checked when
    `planned_share_a` is None: arms assigned by creator have no planned split of units)."""
    guards = []
    if min(check.count("n_a", n_a), check.count("n_b", n_b)) < min_units:
        guards.append(TOO_FEW_UNITS)
    if lift is not None and abs(check.finite("lift", lift)) > max_plausible_lift:
        guards.append(IMPLAUSIBLE_LIFT)
    if (
        planned_share_a is not None
        and n_a + n_b > 0
        and sample_ratio_p_value(n_a, n_b, planned_share_a) < SRM_ALPHA
    ):
        guards.append(SAMPLE_RATIO_MISMATCH)
    return tuple(guards)
