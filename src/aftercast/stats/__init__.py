"""Aftercast's statistics: pure functions over numbers (no Django), tested against published
results. Used by check-ins, debriefs, learnings and case studies."""

from aftercast.stats.attribution import (
    Attribution,
    Journey,
    Touchpoint,
    first_touch,
    last_touch,
    linear,
    markov,
    position_based,
    time_decay,
)
from aftercast.stats.comparisons import Comparison, compare_means, compare_proportions
from aftercast.stats.expectation import ExpectationCheck, check_target, percentile_in_profile
from aftercast.stats.multiplicity import (
    benjamini_hochberg,
    finding_guards,
    holm,
    sample_ratio_p_value,
)
from aftercast.stats.planning import (
    minimum_detectable_effect,
    sample_size_two_proportions,
    test_power,
)
from aftercast.stats.pooling import (
    Interaction,
    PooledEffect,
    effect_difference,
    log_risk_ratio,
    pool_effects,
)
from aftercast.stats.simpson import SimpsonCheck, Stratum, simpson_check

__all__ = [
    "Attribution",
    "Comparison",
    "ExpectationCheck",
    "Interaction",
    "Journey",
    "PooledEffect",
    "SimpsonCheck",
    "Stratum",
    "Touchpoint",
    "benjamini_hochberg",
    "check_target",
    "percentile_in_profile",
    "compare_means",
    "compare_proportions",
    "effect_difference",
    "finding_guards",
    "first_touch",
    "holm",
    "last_touch",
    "linear",
    "log_risk_ratio",
    "markov",
    "minimum_detectable_effect",
    "pool_effects",
    "position_based",
    "sample_ratio_p_value",
    "sample_size_two_proportions",
    "simpson_check",
    "test_power",
    "time_decay",
]
