"""A case study written from a campaign's data, in each language natively, for the readers of
one market or both.

Each section is generated as text, which people then edit, and kept on the CaseStudy. Its
tables are read from the data whenever the study is shown or exported. Russian readers get the
story and community first, US readers ROI and acquisition cost first; a bridge study puts the
two side by side. What the data lacks is said plainly, never shown as "None" or an empty table.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.campaigns.models import Campaign
from aftercast.core import formatting
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric
from aftercast.reports.document import Document, Section, Table
from aftercast.reports.models import Audience, CaseStudy

# The two "metric languages": how a Russian and a US reader judge a campaign first.
ENGAGEMENT = ("er_reach", "reach", "followers_gained", "comments", "cpe")
RETURN = ("cpa", "roas", "conversion_rate", "aov", "ltv")
ORDER: dict[str, tuple[str, ...]] = {
    Audience.RU: ENGAGEMENT + RETURN, Audience.US: RETURN + ENGAGEMENT,
    Audience.BOTH: ENGAGEMENT + RETURN,
}  # fmt: skip
KEYS = ("hypothesis", "task", "setup", "mechanics", "execution", "outcomes", "comparison",
        "creator", "learnings", "missing")  # fmt: skip


def _pieces(campaign: Campaign) -> list:
    return list(
        campaign.markets.filter(deleted_at__isnull=True)
        .select_related("market")
        .order_by("market__code")
    )


def _links(piece) -> list:
    return list(
        piece.partnerships.filter(deleted_at__isnull=True).select_related(
            "account__creator", "account__platform"
        )
    )


def _primary(piece):
    from aftercast.briefs.models import KpiTarget

    return (
        KpiTarget.objects.filter(brief__campaign_market=piece, brief__deleted_at__isnull=True)
        .order_by("-is_primary", "metric")
        .first()
    )


def _other_language(text_here: str, text_there: str) -> str:
    """People's own text in the language it was written in, marked when it is the other."""
    if text_here:
        return text_here
    if text_there:
        return _("(written in the other language only) %(text)s") % {"text": text_there}
    return ""


def _values(piece) -> dict:
    from aftercast.metrics.selectors import group_metrics

    return group_metrics(_links(piece))


def _sections(campaign: Campaign, audience: str, language: str) -> list[dict]:
    pieces = _pieces(campaign)
    names = ", ".join(piece.market.name for piece in pieces)
    debrief = getattr(campaign, "debrief", None)
    ru = language == "ru"
    said: dict[str, str] = {}

    said["hypothesis"] = _other_language(
        campaign.hypothesis_ru if ru else campaign.hypothesis_en,
        campaign.hypothesis_en if ru else campaign.hypothesis_ru,
    ) or _("No hypothesis was written down for this campaign.")

    tasks = []
    for piece in pieces:
        kpi = _primary(piece)
        if kpi is None:
            tasks.append(_("%(market)s: no success metric was set in a brief.")
                         % {"market": piece.market.name})  # fmt: skip
            continue
        words = {"market": piece.market.name, "metric": get_metric(kpi.metric).name,
                 "target": metric_value(kpi.metric, kpi.target, piece.currency)}  # fmt: skip
        tasks.append(_("%(market)s: success meant %(metric)s of %(target)s.") % words)
    said["task"] = "\n".join(tasks) or _("The campaign has no market yet.")

    leads = []
    for piece in pieces:
        metrics = ", ".join(str(get_metric(m).short) for m in piece.market.lead_metrics)
        leads.append(_("%(market)s is read first by %(metrics)s.")
                     % {"market": piece.market.name,
                        "metrics": metrics.rstrip(".") or "—"})  # fmt: skip
    said["setup"] = " ".join(
        [
            _(
                "Each market is judged by what its own team leads with, so the same campaign "
                "is read in two metric languages."
            ),
            *leads,
        ]  # fmt: skip
    )

    creators = []
    for piece in pieces:
        links = _links(piece)
        tiers: dict[str, int] = {}
        for link in links:
            tier = link.account.tier
            label = str(tier.label) if tier else _("unknown tier")
            tiers[label] = tiers.get(label, 0) + 1
        spread = ", ".join(f"{label} {count}" for label, count in tiers.items())
        creators.append(_("%(market)s: %(count)s creators (%(spread)s).") % {
            "market": piece.market.name, "count": len(links), "spread": spread or "—"})  # fmt: skip
    said["mechanics"] = "\n".join(creators)

    events = list(campaign.timeline.order_by("happened_on"))
    said["execution"] = "\n".join(
        f"{formatting.date(e.happened_on)}: {e.description}" for e in events
    ) or _("No check-in or event was recorded during the campaign.")

    if debrief is not None:
        from aftercast.debriefs.summary import verdict_sentence

        verdicts = debrief.verdicts.select_related("campaign_market__market")
        said["outcomes"] = "\n".join(verdict_sentence(v) for v in verdicts)
    said["outcomes"] = said.get("outcomes") or _(
        "The campaign has no debrief yet, so no verdict: the numbers below are as recorded."
    )

    said["comparison"] = _comparison_words(pieces, audience)

    if debrief is not None:
        from aftercast.debriefs.wording import headline

        tested = [headline(f) for f in debrief.findings.select_related("market", "arm_a", "arm_b")
                  if f.metric and f.market_id is None]  # fmt: skip
        if tested:
            said["comparison"] += "\n" + "\n".join(tested)

    said["creator"] = _creator_words(pieces) or _(
        "No creator's words were recorded: ask each creator what they were briefed on, what "
        "happened and what they would do differently."
    )

    from aftercast.learnings.models import Learning

    rules = Learning.objects.filter(
        workspace_id=campaign.workspace_id, evidence__finding__debrief__campaign=campaign
    ).distinct()
    said["learnings"] = "\n".join(f"— {rule.statement}" for rule in rules) or _(
        "No rule was drawn from this campaign yet."
    )

    missing = []
    if debrief is None:
        missing.append(_("no debrief: verdicts and tests are not in this study"))
    if len(pieces) < 2:
        missing.append(_("one market only (%(markets)s): there is nothing to compare it with")
                       % {"markets": names or "—"})  # fmt: skip
    if all(_values(piece).get("spend") is None for piece in pieces):
        missing.append(_("no spend recorded: costs per outcome cannot be computed"))
    if missing:
        said["missing"] = _("This study lacks: %(what)s.") % {"what": "; ".join(missing)}

    headings = {
        "hypothesis": _("Hypothesis"), "task": _("The task in each market"),
        "setup": _("Setup: how each market reads success"),
        "mechanics": _("Creators and mechanics"), "execution": _("Execution"),
        "outcomes": _("Outcomes"), "comparison": _("Markets compared"),
        "creator": _("The creator's perspective"), "learnings": _("Forward learnings"),
        "missing": _("What this study lacks"),
    }  # fmt: skip
    order = list(KEYS)
    if audience == Audience.US:  # results first for readers who lead with ROI
        order.remove("outcomes")
        order.insert(1, "outcomes")
    return [{"key": key, "heading": str(headings[key]), "body": said[key]}
            for key in order if said.get(key)]  # fmt: skip


def _comparison_words(pieces, audience: str) -> str:
    lines = []
    for metric in ORDER[audience][:4]:
        shown = []
        for piece in pieces:
            value = _values(piece).get(metric)
            if value is not None:
                shown.append(f"{piece.market.name} {metric_value(metric, value, piece.currency)}")
        if shown:
            lines.append(f"{get_metric(metric).name}: {', '.join(shown)}.")
    return "\n".join(lines) or _("No metric was recorded in two markets to compare.")


def _creator_words(pieces) -> str:
    from aftercast.briefs.models import SignOff, SignOffRole

    said = []
    for piece in pieces:
        for sign in SignOff.objects.filter(
            brief__campaign_market=piece, role=SignOffRole.CREATOR
        ).exclude(comment=""):
            said.append(f"{sign.signer_name} ({piece.market.name}): “{sign.comment}”")
    return "\n".join(said)


def generate_sections(campaign: Campaign, audience: str) -> dict[str, list[dict]]:
    """Each language's sections, written natively in it."""
    found = {}
    for language in ("en", "ru"):
        with translation.override(language):
            found[language] = _sections(campaign, audience, language)
    return found


def _tables(campaign: Campaign, audience: str) -> dict[str, Table]:
    pieces = _pieces(campaign)
    tables = {}
    rows = []
    for piece in pieces:
        kpi = _primary(piece)
        leads = ", ".join(str(get_metric(m).short) for m in piece.market.lead_metrics)
        rows.append([piece.market.name, formatting.money(piece.budget, piece.currency),
                     str(get_metric(kpi.metric).name) if kpi else "—", leads])  # fmt: skip
    if rows:
        tables["setup"] = Table([_("Market"), _("Budget"), _("Success metric"),
                                 _("Read first by")], rows)  # fmt: skip
    rows = []
    for piece in pieces:
        for link in _links(piece):
            account = link.account
            rows.append([piece.market.name, account.creator.name, account.platform.name,
                         str(account.tier.label) if account.tier else "—",
                         formatting.number(account.followers, digits=0)])  # fmt: skip
    if rows:
        tables["mechanics"] = Table([_("Market"), _("Creator"), _("Platform"), _("Tier"),
                                     _("Followers")], rows)  # fmt: skip
    values = {piece.pk: _values(piece) for piece in pieces}
    rows = []
    for metric in ORDER[audience]:
        cells = [metric_value(metric, values[p.pk].get(metric), p.currency) for p in pieces]
        if any(values[p.pk].get(metric) is not None for p in pieces):
            rows.append([str(get_metric(metric).name), *cells])
    if rows:
        tables["outcomes"] = Table([_("Metric"), *[p.market.name for p in pieces]], rows)
    return tables


def case_study_document(study: CaseStudy, language: str) -> Document:
    """The study as a Document in `language`: its (edited) sections, with the tables read from
    the data now."""
    with translation.override(language):
        tables = _tables(study.campaign, study.audience)
        sections = []
        for item in study.sections_ru if language == "ru" else study.sections_en:
            section = Section(item.get("heading") or "")
            section.paragraphs = [p for p in (item.get("body") or "").split("\n") if p.strip()]
            if item.get("key") in tables:
                section.tables.append(tables[item["key"]])
            sections.append(section)
        title = (study.title_ru or study.title_en) if language == "ru" else (
            study.title_en or study.title_ru)  # fmt: skip
        subtitle = _("%(campaign)s · %(from)s – %(to)s · for %(audience)s") % {
            "campaign": study.campaign.name, "from": formatting.date(study.campaign.starts_on),
            "to": formatting.date(study.campaign.ends_on),
            "audience": str(study.get_audience_display()).lower()}  # fmt: skip
        return Document(title, subtitle, language, sections, f"case-study-{study.pk}-{language}")
