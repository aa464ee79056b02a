"""How a finding is said: its p-value and probability as people read them ("< 0.001", never
"0"; "> 99.9 %", never "100 %"), and its headline written natively in the reader's language,
saying plainly when a difference is not established."""

from django.utils.translation import gettext as _

from aftercast.core import formatting
from aftercast.debriefs.models import Finding
from aftercast.metrics.registry import get_metric

SIGNIFICANT = 0.05  # the adjusted p-value below which a difference is stated as found


def p_value_text(p: float | None) -> str:
    if p is None:
        return "—"
    if p < 0.001:
        return "< " + formatting.number(0.001, digits=3)
    if p > 0.999:
        return "> " + formatting.number(0.999, digits=3)
    return formatting.number(p, digits=3)


def p_clause(p: float | None) -> str:
    """The p-value as a sentence says it: "p < 0.001", "p = 0.023"."""
    shown = p_value_text(p)
    return f"p {shown}" if shown[:1] in "<>" else f"p = {shown}"


def probability_text(probability: float | None) -> str:
    if probability is None:
        return "—"
    if probability > 0.999:
        return "> " + formatting.percent(0.999, digits=1)
    if probability < 0.001:
        return "< " + formatting.percent(0.001, digits=1)
    digits = 1 if probability > 0.99 or probability < 0.01 else 0
    return formatting.percent(probability, digits=digits)


def p_clauses(finding: Finding) -> str:
    """The p-value as a headline says it: the test's own, and the adjusted one that decides when
    the debrief adjusted it ("p = 0.012, adjusted 0.056"): a 95 % interval that excludes 0 with
    "no clear difference" beside it is then explained, not a contradiction."""
    raw, adjusted = finding.p_value, finding.p_value_adjusted
    if adjusted is None or raw is None or p_value_text(adjusted) == p_value_text(raw):
        return p_clause(deciding_p(finding))
    return _("%(p)s, adjusted for the debrief's comparisons %(adjusted)s") % {
        "p": p_clause(raw), "adjusted": p_value_text(adjusted)}  # fmt: skip


def is_clear(finding: Finding) -> bool:
    """A difference established after the debrief's adjustment, with no data-quality warning:
    what a rule may be drawn from."""
    p = deciding_p(finding)
    return p is not None and p < SIGNIFICANT and not finding.guards


def markets_differ(finding: Finding) -> bool:
    """A pooled finding whose markets' effects differ (the interaction test)."""
    return finding.interaction_p is not None and finding.interaction_p < SIGNIFICANT


def deciding_p(finding: Finding) -> float | None:
    """The p-value a finding is judged by: adjusted across the debrief when it was."""
    return finding.p_value_adjusted if finding.p_value_adjusted is not None else finding.p_value


def shown_lift(lift: float | None) -> float | None:
    """A lift as printed to whole percents: a tiny negative one is 0 %, never "-0 %"."""
    return 0.0 if lift is not None and abs(lift) < 0.005 else lift


def _arm(arm) -> str:
    return arm.description or arm.label if arm is not None else "—"


def headline(finding: Finding) -> str:
    """One sentence: what B did to the metric against A, in which market, and how sure; a
    pooled finding adds whether the markets agree."""
    if not finding.metric:  # a qualitative finding is its statement
        return finding.statement
    said = _measured_headline(finding)
    note = pooled_note(finding)
    return f"{said} {note}" if note else said


def pooled_note(finding: Finding) -> str:
    """Whether the markets agree on a pooled effect: the interaction test, I² as a share."""
    if finding.market_id is not None or finding.interaction_p is None:
        return ""
    numbers = {"p": p_clause(finding.interaction_p),
               "i2": formatting.percent(finding.heterogeneity_i2 or 0, digits=0)}  # fmt: skip
    if markets_differ(finding):
        return (
            _("The markets differ (%(p)s, I² %(i2)s): read each market on its own, not the pool.")
            % numbers
        )
    return _("No sign the markets differ (%(p)s, I² %(i2)s).") % numbers


def _measured_headline(finding: Finding) -> str:
    p = deciding_p(finding)
    numbers = {
        "market": finding.market.name if finding.market else _("All markets"),
        "a": _arm(finding.arm_a),
        "b": _arm(finding.arm_b),
        "metric": get_metric(finding.metric).short,
        "lift": formatting.percent(abs(finding.effect_rel or 0), digits=0),
        "signed": formatting.percent(shown_lift(finding.effect_rel), digits=0),
        "low": formatting.percent(finding.ci_low, digits=0),
        "high": formatting.percent(finding.ci_high, digits=0),
        "p": p_clauses(finding),
    }
    if p is None or finding.effect_rel is None:
        return _("%(market)s: %(b)s against %(a)s on %(metric)s could not be compared.") % numbers
    if p >= SIGNIFICANT:
        return (
            _(
                "%(market)s: no clear difference in %(metric)s between “%(b)s” and “%(a)s” "
                "(%(signed)s, 95%% CI %(low)s to %(high)s, %(p)s)."
            )
            % numbers
        )
    if finding.effect_rel > 0:
        return (
            _(
                "%(market)s: “%(b)s” raised %(metric)s by %(lift)s over “%(a)s” "
                "(95%% CI %(low)s to %(high)s, %(p)s)."
            )
            % numbers
        )
    return (
        _(
            "%(market)s: “%(b)s” lowered %(metric)s by %(lift)s against “%(a)s” "
            "(95%% CI %(low)s to %(high)s, %(p)s)."
        )
        % numbers
    )
