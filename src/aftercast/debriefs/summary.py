"""What a debrief's numbers say, in the reader's language, computed each time it is read (so a
Russian reader reads Russian, and a recompute shows at once): each market's verdict, what the
tests showed (pooled where the markets agree, market by market where they differ) and the
failure type the rules suggest. People's own summary is written beside it."""

from django.utils.translation import gettext as _

from aftercast.debriefs.failures import evidence_words
from aftercast.debriefs.models import Debrief, FailureType, Verdict
from aftercast.debriefs.wording import headline, markets_differ
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric


def verdict_sentence(verdict) -> str:
    currency = verdict.campaign_market.currency
    words = {
        "market": verdict.campaign_market.market.name,
        "metric": get_metric(verdict.metric).name,
        "actual": metric_value(verdict.metric, verdict.actual, currency),
        "target": metric_value(verdict.metric, verdict.target, currency),
    }
    if verdict.verdict == Verdict.HIT:
        return _("%(market)s hit its target: %(metric)s %(actual)s against %(target)s.") % words
    if verdict.verdict == Verdict.PARTIAL:
        return (
            _("%(market)s reached only its minimum: %(metric)s %(actual)s against a target of "
              "%(target)s.") % words
        )  # fmt: skip
    if verdict.verdict == Verdict.MISSED:
        return _("%(market)s missed its target: %(metric)s %(actual)s against %(target)s.") % words
    return _("%(market)s: %(metric)s could not be measured.") % words


def told_findings(findings) -> list:
    """The findings a summary tells: a pool whose markets agree stands for them; where they
    differ, or with no pool, each market's finding is told."""
    measured = [f for f in findings if f.metric and f.effect_rel is not None]
    pools = {(f.variant_id, f.metric): f for f in measured if f.market_id is None}
    told = []
    for finding in measured:
        pool = pools.get((finding.variant_id, finding.metric))
        agree = pool is not None and not markets_differ(pool)
        if finding.market_id is None:
            if agree:
                told.append(finding)
        elif not agree:
            told.append(finding)
    return told


def numbers_say(debrief: Debrief) -> list[str]:
    verdicts = debrief.verdicts.select_related("campaign_market__market").order_by(
        "campaign_market__market__code"
    )
    lines = [verdict_sentence(v) for v in verdicts]
    findings = debrief.findings.select_related("variant", "market", "arm_a", "arm_b")
    lines += [headline(f) for f in told_findings(list(findings))]
    if debrief.failure_suggested and debrief.failure_suggested != FailureType.NONE:
        evidence = [evidence_words(item) for item in debrief.failure_evidence or []]
        label = FailureType(debrief.failure_suggested).label
        lines.append(
            _("The rules suggest: %(type)s. %(why)s") % {"type": label, "why": " ".join(evidence)}
        )
    return [line.strip() for line in lines]
