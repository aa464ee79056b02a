"""What a rule's evidence says, computed from its linked findings whenever they change: the
pooled lift and how much the markets disagree, whether each finding supports the rule, the
scope verdict (holds in all its markets, market-specific, reverses between markets) and a
confidence grade with its reasons, said in the reader's language."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftercast.core import formatting
from aftercast.debriefs import wording
from aftercast.debriefs.models import Finding
from aftercast.learnings.models import Confidence, ScopeVerdict
from aftercast.stats import pool_effects
from aftercast.stats.pooling import log_risk_ratio

NO_POOL = dict.fromkeys(
    ("pooled_effect", "pooled_ci_low", "pooled_ci_high", "heterogeneity_i2", "heterogeneity_p",
     "tau2"),
)  # fmt: skip
DIFFER = 0.10  # markets differ when the heterogeneity test's p falls below this
NARROW = 0.30  # a pooled 95 % interval narrower than 30 points of lift is precise enough


def counts_of(finding: Finding) -> tuple[int, int, int, int]:
    """Successes and units of each arm, as the finding was computed from."""
    value_a, value_b = finding.value_a or 0.0, finding.value_b or 0.0
    return (round(value_a * finding.n_a), finding.n_a, round(value_b * finding.n_b), finding.n_b)


def campaign_of(finding: Finding):
    """The campaign a finding came from: its debrief's, or for evidence from elsewhere
    (learnings/exchange.py) the campaign the file names."""
    return getattr(finding, "source_campaign", None) or finding.debrief.campaign_id


def poolable(finding: Finding) -> bool:
    """A finding with counts in both arms (a qualitative one, or an empty arm, has none)."""
    if finding.value_a is None or finding.value_b is None or not finding.n_a or not finding.n_b:
        return False
    return min(counts_of(finding)) > 0


def pooled_lift(findings: list[Finding]) -> dict:
    """Pool the findings' log risk ratios (DerSimonian-Laird random effects) into one lift
    with its 95% interval and the heterogeneity between them (I², Q's p-value, τ²), from each
    finding's counts (rates times units), not from its rounded interval."""
    usable = [f for f in findings if poolable(f)]
    if not usable:
        return dict(NO_POOL)
    logs = [log_risk_ratio(*counts_of(f)) for f in usable]
    pooled = pool_effects([y for y, _v in logs], [v for _y, v in logs], method="DL")
    several = len(usable) > 1
    return {
        "pooled_effect": math.expm1(pooled.estimate),
        "pooled_ci_low": math.expm1(pooled.ci_low),
        "pooled_ci_high": math.expm1(pooled.ci_high),
        "heterogeneity_i2": pooled.i2 if several else None,
        "heterogeneity_p": pooled.q_p_value if several else None,
        "tau2": pooled.tau2 if several else None,
    }


def sign(value: float | None) -> int:
    return 0 if value is None or value == 0 else (1 if value > 0 else -1)


def supports(finding: Finding, direction: int | None) -> bool:
    """A finding supports a rule when B's lift points the way the rule says."""
    return direction is not None and sign(finding.effect_rel) == direction


def contradicts(finding: Finding, direction: int | None) -> bool:
    """A clear finding pointing the other way: the rule is flagged for review."""
    return (
        direction is not None
        and sign(finding.effect_rel) == -direction
        and wording.is_clear(finding)
    )


@dataclass(frozen=True)
class MarketEffect:
    market: str  # its code
    effect: float | None
    clear: bool  # the market's pooled interval excludes no lift


def by_market(findings: list[Finding]) -> list[MarketEffect]:
    split: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.market is not None:
            split.setdefault(finding.market.code, []).append(finding)
    found = []
    for code, part in sorted(split.items()):
        pooled = pooled_lift(part)
        low, high = pooled["pooled_ci_low"], pooled["pooled_ci_high"]
        clear = low is not None and (low > 0 or high < 0)
        found.append(MarketEffect(code, pooled["pooled_effect"], clear))
    return found


def scope_verdict(findings: list[Finding], heterogeneity_p: float | None, markets: set[str]):
    """Whether a rule holds in all its markets (`markets`, or those of its evidence when it is
    not tagged), is market-specific, or reverses: markets clearly pointing opposite ways, or
    opposite ways with a significant heterogeneity test. "" without measured evidence."""
    effects = [m for m in by_market(findings) if m.effect is not None]
    if not effects:
        return ""
    signs = {sign(m.effect) for m in effects} - {0}
    differ = heterogeneity_p is not None and heterogeneity_p < DIFFER
    if len(signs) > 1:
        clear_signs = {sign(m.effect) for m in effects if m.clear}
        if len(clear_signs) > 1 or differ:
            return ScopeVerdict.REVERSES
        return ScopeVerdict.MARKET_SPECIFIC
    wanted = markets or {m.market for m in effects}
    if differ or not wanted <= {m.market for m in effects}:
        return ScopeVerdict.MARKET_SPECIFIC
    return ScopeVerdict.HOLDS


@dataclass(frozen=True)
class Grade:
    confidence: str
    reasons: list[str]  # in the reader's language


def grade(findings: list[Finding], pooled: dict) -> Grade:
    """A confidence grade from the evidence: how many campaigns and markets, whether the pooled
    interval excludes no lift and how wide it is, and how much the findings disagree."""
    if not findings:
        return Grade(Confidence.LOW, [_("No finding backs it yet: it is a hunch until tested.")])
    campaigns = len({campaign_of(f) for f in findings})
    markets = len({f.market_id for f in findings if f.market_id is not None})
    points, reasons = 0, []
    reasons.append(
        ngettext("Seen in %(count)s campaign", "Seen in %(count)s campaigns", campaigns)
        % {"count": campaigns}
        + ngettext(" and %(markets)s market.", " and %(markets)s markets.", markets)
        % {"markets": markets}
    )
    points += min(campaigns, 3) - 1 + (1 if markets > 1 else 0)
    low, high = pooled["pooled_ci_low"], pooled["pooled_ci_high"]
    if low is None:
        reasons.append(_("No finding has counts to pool, so the size of the effect is unknown."))
    else:
        numbers = {"low": formatting.percent(low, digits=0),
                   "high": formatting.percent(high, digits=0)}  # fmt: skip
        if low > 0 or high < 0:
            points += 1
            reasons.append(_("The pooled 95 %% interval (%(low)s to %(high)s) lies on one side "
                             "of zero: the direction is established.") % numbers)  # fmt: skip
        else:
            reasons.append(_("The pooled 95 %% interval (%(low)s to %(high)s) spans zero: even "
                             "the direction is not established.") % numbers)  # fmt: skip
        if high - low <= NARROW:
            points += 1
            reasons.append(_("The interval is narrow: the size of the effect is well known."))
        else:
            reasons.append(_("The interval is wide: the size of the effect is uncertain."))
    i2, p = pooled["heterogeneity_i2"], pooled["heterogeneity_p"]
    if p is not None and p < DIFFER:
        points -= 1
        reasons.append(_("The findings disagree (I² %(i2)s): it may not hold everywhere.")
                       % {"i2": formatting.percent(i2 or 0, digits=0)})  # fmt: skip
    if points >= 4:
        return Grade(Confidence.HIGH, reasons)
    return Grade(Confidence.MEDIUM if points >= 2 else Confidence.LOW, reasons)


def scope_words(verdict: str, findings: list[Finding]) -> str:
    """The scope verdict as a sentence naming the markets."""
    effects = by_market(findings)
    rising = ", ".join(m.market for m in effects if sign(m.effect) > 0)
    falling = ", ".join(m.market for m in effects if sign(m.effect) < 0)
    if verdict == ScopeVerdict.HOLDS:
        return _("Holds in all its markets (%(markets)s).") % {
            "markets": ", ".join(m.market for m in effects)}  # fmt: skip
    if verdict == ScopeVerdict.REVERSES:
        return _("Reverses between markets: up in %(up)s, down in %(down)s.") % {
            "up": rising, "down": falling}  # fmt: skip
    if verdict == ScopeVerdict.MARKET_SPECIFIC:
        clear = ", ".join(m.market for m in effects if m.clear)
        if not clear:
            markets = ", ".join(m.market for m in effects)
            return _("Market-specific: not yet established in any of its markets "
                     "(%(markets)s).") % {"markets": markets}  # fmt: skip
        return _("Market-specific: clear in %(clear)s, not established elsewhere.") % {
            "clear": clear}  # fmt: skip
    return _("No measured evidence yet, so its scope is unknown.")


def establishes(pooled_low: float | None, pooled_high: float | None, direction: int | None) -> bool:
    """The pooled 95 % interval lies on the rule's side of zero: what "supported" needs."""
    if pooled_low is None or pooled_high is None or direction is None:
        return False
    return pooled_low > 0 if direction > 0 else pooled_high < 0
