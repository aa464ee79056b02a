import pytest

from aftercast.stats import minimum_detectable_effect, sample_size_two_proportions, test_power


def test_it_reproduces_r_power_prop_test_sample_size():
    """R documentation of power.prop.test: power.prop.test(p1 = .50, p2 = .75, power = .90)
    # => n = 76.7"""
    assert sample_size_two_proportions(0.50, 0.75, power=0.90) == pytest.approx(76.7, abs=0.05)


def test_it_reproduces_r_power_prop_test_power():
    """R documentation: power.prop.test(n = 50, p1 = .50, p2 = .75) # => power = 0.740"""
    assert test_power(0.50, 0.75, 50) == pytest.approx(0.740, abs=5e-4)


def test_the_minimum_detectable_effect_inverts_the_sample_size():
    n = sample_size_two_proportions(0.02, 0.025, power=0.8)
    assert minimum_detectable_effect(0.02, n, power=0.8) == pytest.approx(0.25, rel=1e-3)


def test_a_tiny_test_cannot_detect_anything():
    with pytest.raises(ValueError, match="n_per_arm"):
        minimum_detectable_effect(0.5, 2)


@pytest.mark.parametrize(
    ("args", "named"),
    [((0.0, 0.5), "p_a"), ((0.5, 1.0), "p_b"), ((0.5, 0.5), "differ"), ((0.5, 0.6, 1.2), "alpha")],
)
def test_it_rejects_bad_input_naming_the_argument(args, named):
    with pytest.raises(ValueError, match=named):
        sample_size_two_proportions(*args)
