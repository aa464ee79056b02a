import pytest
from hypothesis import given
from hypothesis import strategies as st

from aftercast.stats import effect_difference, log_risk_ratio, pool_effects

# metafor's dat.bcg (Colditz et al. 1994): tpos, tneg, cpos, cneg of 13 BCG vaccine trials.
BCG = [
    (4, 119, 11, 128),
    (6, 300, 29, 274),
    (3, 228, 11, 209),
    (62, 13536, 248, 12619),
    (33, 5036, 47, 5761),
    (180, 1361, 372, 1079),
    (8, 2537, 10, 619),
    (505, 87886, 499, 87892),
    (29, 7470, 45, 7232),
    (17, 1699, 65, 1600),
    (186, 50448, 141, 27197),
    (5, 2493, 3, 2338),
    (27, 16886, 29, 17825),
]


@pytest.fixture
def bcg():
    pairs = [log_risk_ratio(cp, cp + cn, tp, tp + tn) for tp, tn, cp, cn in BCG]
    return [y for y, _v in pairs], [v for _y, v in pairs]


def test_it_reproduces_metafor_fixed_effect(bcg):
    """metafor: rma(yi, vi, data = dat, method = "FE"): estimate -0.4303, se 0.0405,
    Q(df = 12) = 152.2330, I^2 = 92.12%."""
    result = pool_effects(*bcg, method="fixed")
    assert result.estimate == pytest.approx(-0.4303, abs=5e-5)
    assert result.se == pytest.approx(0.0405, abs=5e-5)
    assert result.q == pytest.approx(152.2330, abs=5e-4)
    assert result.i2 == pytest.approx(0.9212, abs=5e-5)
    assert result.tau2 == 0


def test_it_reproduces_metafor_dersimonian_laird(bcg):
    """metafor: method = "DL": estimate -0.7141, se 0.1787, tau^2 = 0.3088."""
    result = pool_effects(*bcg, method="DL")
    assert result.estimate == pytest.approx(-0.7141, abs=5e-5)
    assert result.se == pytest.approx(0.1787, abs=5e-5)
    assert result.tau2 == pytest.approx(0.3088, abs=5e-5)
    assert result.q_p_value < 1e-4


def test_it_reproduces_metafor_reml(bcg):
    """metafor: rma(yi, vi, data = dat) (REML): estimate -0.7145, se 0.1798, tau^2 = 0.3132."""
    result = pool_effects(*bcg, method="REML")
    assert result.estimate == pytest.approx(-0.7145, abs=5e-5)
    assert result.se == pytest.approx(0.1798, abs=5e-5)
    assert result.tau2 == pytest.approx(0.3132, abs=5e-5)


def test_one_study_pools_to_itself():
    result = pool_effects([0.2], [0.01], method="REML")
    assert result.estimate == 0.2 and result.tau2 == 0 and result.q_p_value == 1


@pytest.mark.parametrize(
    ("estimates", "variances", "named"),
    [
        ([0.1, 0.2], [0.01, -0.01], "variances\\[1\\]"),
        ([0.1, float("nan")], [0.1, 0.1], "estimates\\[1\\]"),
        ([], [], "estimates"),
        ([0.1, 0.2], [0.1], "differ in length"),
    ],
)
def test_it_rejects_bad_input_naming_the_argument(estimates, variances, named):
    with pytest.raises(ValueError, match=named):
        pool_effects(estimates, variances)


def test_it_rejects_an_unknown_method():
    with pytest.raises(ValueError, match="method"):
        pool_effects([0.1, 0.2], [0.1, 0.1], method="bogus")  # type: ignore[arg-type]


def test_the_difference_between_two_markets_is_a_z_test():
    result = effect_difference(0.23, 0.01, 0.05, 0.01)
    assert result.difference == pytest.approx(0.18)
    assert result.z == pytest.approx(0.18 / 0.1414214, rel=1e-6)
    assert result.p_value == pytest.approx(0.2031, abs=1e-4)


effects = st.lists(st.tuples(st.floats(-3, 3), st.floats(0.001, 5)), min_size=1, max_size=12)


@given(effects)
def test_a_fixed_effect_lies_within_the_inputs(pairs):
    estimates, variances = zip(*pairs, strict=True)
    result = pool_effects(list(estimates), list(variances), method="fixed")
    assert min(estimates) - 1e-9 <= result.estimate <= max(estimates) + 1e-9
