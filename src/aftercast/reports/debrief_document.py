"""A debrief as a Document in Russian or English: its summary and failure type with the
evidence, each market's verdict, the findings with their statistics and forest plots, the
markets side by side by their own lead metrics, the answers, the timeline and the actions."""

from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.core import formatting
from aftercast.debriefs import failures, questions
from aftercast.debriefs.charts import debrief_forests
from aftercast.debriefs.comparison import comparison
from aftercast.debriefs.models import Debrief, FailureType, Verdict
from aftercast.debriefs.selectors import missing_data
from aftercast.debriefs.summary import numbers_say
from aftercast.debriefs.templatetags.findings import guard_labels
from aftercast.debriefs.wording import (
    deciding_p,
    headline,
    p_value_text,
    probability_text,
    shown_lift,
)
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric
from aftercast.reports.document import Chart, Document, Section, Table


def _verdicts(debrief: Debrief) -> Section:
    rows = []
    for v in debrief.verdicts.select_related("campaign_market__market"):
        currency = v.campaign_market.currency
        actual = metric_value(v.metric, v.actual, currency)
        if v.converted.get("actual"):
            actual += " ≈ " + metric_value(v.metric, v.converted["actual"], v.converted["currency"])
        rows.append([v.campaign_market.market.name, str(get_metric(v.metric).name),
                     metric_value(v.metric, v.target, currency), actual,
                     str(v.get_verdict_display())])  # fmt: skip
        for kpi in v.secondary or []:
            rows.append([v.campaign_market.market.name,
                         _("%(metric)s (secondary)") % {"metric": get_metric(kpi["metric"]).name},
                         metric_value(kpi["metric"], kpi["target"], currency),
                         metric_value(kpi["metric"], kpi["actual"], currency),
                         str(Verdict(kpi["verdict"]).label)])  # fmt: skip
    header = [_("Market"), _("Metric"), _("Target"), _("Actual"), _("Verdict")]
    section = Section(_("Was the success metric hit?"))
    if rows:
        section.tables.append(Table(header, rows))
    else:
        section.paragraphs.append(_("No verdict recorded yet."))
    return section


def _observed(findings: list) -> Section:
    """What the team saw that the numbers do not show, each in its market."""
    section = Section(_("What the team saw"))
    for f in findings:
        where = f.market.name if f.market else _("All markets")
        section.bullets.append(f"{where}: {f.statement}")
    if not findings:
        section.paragraphs.append(_("Nothing recorded."))
    return section


def _findings(debrief: Debrief, findings: list) -> Section:
    section = Section(_("What was tested, and what changed the result"))
    rows = []
    for f in findings:
        warning = guard_labels(f.guards)
        section.bullets.append(headline(f) + (f" ⚠ {warning}" if warning else ""))
        low, high = (formatting.percent(bound, digits=0) for bound in (f.ci_low, f.ci_high))
        rows.append([f.market.name if f.market else _("All markets"),
                     str(get_metric(f.metric).short),
                     metric_value(f.metric, f.value_a) if f.market else _("pooled"),
                     metric_value(f.metric, f.value_b) if f.market else _("pooled"),
                     formatting.percent(shown_lift(f.effect_rel), digits=0), f"{low} … {high}",
                     p_value_text(deciding_p(f)), probability_text(f.prob_b_better)])  # fmt: skip
    if rows:
        header = [_("Market"), _("Metric"), "A", "B", _("Lift"), _("95% CI"), _("p-value"),
                  _("P(B better)")]  # fmt: skip
        section.tables.append(Table(header, rows))
    if not findings:
        section.paragraphs.append(_("No finding recorded."))
    return section


def _markets(debrief: Debrief, findings: list) -> Section | None:
    compared = comparison(debrief)
    forests = debrief_forests(findings)
    if not forests and len(compared.leads) < 2:
        return None
    section = Section(_("Across markets"))
    for title, spec in forests:
        section.charts.append(Chart(title, spec, spec.get("description", "")))
    for group in compared.arms:
        if group.paradox:
            section.paragraphs.append(_(
                "%(test)s: Simpson’s paradox: combined, the markets point the other way from "
                "every single market, because their sizes differ. Trust the markets, not the "
                "total.") % {"test": group.title})  # fmt: skip
    header = [_("Market"), _("Lead metrics"), _("Negative comments")]
    rows = []
    for lead in compared.leads:
        shown = "; ".join(
            f"{get_metric(metric).short} {metric_value(metric, value, lead.currency)}"
            for metric, value, _money in lead.metrics
        )
        negative = "—" if lead.negative_share is None else formatting.percent(lead.negative_share)
        rows.append([lead.piece.market.name, shown, negative])
    section.tables.append(Table(header, rows))
    return section


def _answers(debrief: Debrief) -> Section:
    section = Section(_("Blameless questions"))
    asked = questions.question_set(debrief.workspace_id)
    for question, given in questions.answered(debrief.answers, asked):
        said = " ".join(
            f"{item['who']}: {item['answer']}" if item.get("who") else item["answer"]
            for item in given
        )
        section.bullets.append(f"{question.group} · {question.text} — {said}")
    if not section.bullets:
        section.paragraphs.append(_("No one has answered yet."))
    return section


def _timeline_and_actions(debrief: Debrief) -> list[Section]:
    timeline = Section(_("Timeline"))
    timeline.bullets = [
        f"{formatting.date(e.happened_on)} · {e.get_kind_display()} — {e.description}"
        for e in debrief.timeline.all()
    ]
    actions = Section(_("Action items"))
    rows = [[a.description, a.owner or "—", formatting.date(a.due_on) if a.due_on else "—",
             str(_("done")) if a.done else str(_("open"))]
            for a in debrief.action_items.order_by("due_on", "pk")]  # fmt: skip
    if rows:
        actions.tables.append(Table([_("What"), _("Who does it"), _("By when"), _("Status")], rows))
    for section in (timeline, actions):
        if not section.bullets and not section.tables:
            section.paragraphs.append(_("Nothing recorded."))
    return [timeline, actions]


def debrief_document(debrief: Debrief, language: str) -> Document:
    with translation.override(language):
        campaign = debrief.campaign
        findings = list(debrief.findings.select_related("variant", "market", "arm_a", "arm_b"))
        failure = Section(_("Failure type"))
        failure.paragraphs.append(str(FailureType(debrief.failure_type).label) + (
            "" if debrief.failure_confirmed_at else " " + _("(suggested from the data, not "
                                                             "confirmed yet)")))  # fmt: skip
        failure.bullets = [failures.evidence_words(item) for item in debrief.failure_evidence]
        said = Section(_("What the numbers say"), bullets=numbers_say(debrief))
        summary = Section(_("Summary"), paragraphs=[debrief.summary or "—"])
        missing = missing_data(debrief)
        lacking = [Section(_("What the numbers lack"), bullets=missing)] if missing else []
        markets = _markets(debrief, findings)
        sections = [said, *lacking, summary, failure, _verdicts(debrief),
                    _findings(debrief, [f for f in findings if f.metric]),
                    _observed([f for f in findings if not f.metric]),
                    *([markets] if markets else []), _answers(debrief),
                    *_timeline_and_actions(debrief)]  # fmt: skip
        subtitle = _("%(start)s – %(end)s · debrief: %(status)s") % {
            "start": formatting.date(campaign.starts_on),
            "end": formatting.date(campaign.ends_on),
            "status": debrief.get_status_display(),
        }
        return Document(
            title=_("Debrief: %(campaign)s") % {"campaign": campaign.name},
            subtitle=subtitle,
            language=language,
            sections=sections,
            slug=f"debrief-{campaign.slug}-{language}",
        )
