import pytest

from aftercast.stats import Stratum, simpson_check
from aftercast.stats.simpson import A_BETTER, B_BETTER


def test_it_flags_the_kidney_stone_paradox():
    """Charig et al. (1986), BMJ: open surgery (A) 81/87 small and 192/263 large stones,
    PCNL (B) 234/270 and 55/80. A wins in both strata, B wins in aggregate (83% vs 78%)."""
    result = simpson_check([Stratum(81, 87, 234, 270), Stratum(192, 263, 55, 80)])
    assert result.stratum_directions == (A_BETTER, A_BETTER)
    assert result.aggregate_direction == B_BETTER
    assert result.paradox is True


def test_agreeing_markets_are_no_paradox():
    result = simpson_check([Stratum(10, 100, 20, 100), Stratum(30, 100, 40, 100)])
    assert result.paradox is False
    assert result.aggregate_direction == B_BETTER


def test_disagreeing_markets_are_not_called_a_paradox():
    result = simpson_check([Stratum(10, 100, 20, 100), Stratum(40, 100, 30, 100)])
    assert result.paradox is False


def test_it_rejects_an_impossible_stratum():
    with pytest.raises(ValueError, match=r"strata\[1\].successes_b"):
        simpson_check([Stratum(1, 10, 2, 10), Stratum(1, 10, 20, 10)])
    with pytest.raises(ValueError, match="strata"):
        simpson_check([])
