"""A case study written from a campaign's data, in each language natively, for the readers of
one market or both.

Each section is generated as text, which people then edit, and kept on the CaseStudy. Its
tables are read from the data whenever the study is shown or exported. Russian readers get the
story and community first, US readers ROI and acquisition cost first; a bridge study puts the
two side by side. What the data lacks is said plainly, never shown as "None" or an empty table.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftercast.campaigns.models import Campaign
from aftercast.core import formatting
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric
from aftercast.reports.case_charts import case_charts
from aftercast.reports.document import Document, Section, Table
from aftercast.reports.figures import Figures, case_figures
from aftercast.reports.models import Audience, CaseStudy

# The two "metric languages": how a Russian and a US reader judge a campaign first.
ENGAGEMENT = ("er_reach", "reach", "followers_gained", "comments", "cpe")
RETURN = ("cpa", "roas", "conversion_rate", "aov", "ltv")
ORDER: dict[str, tuple[str, ...]] = {
    Audience.RU: ENGAGEMENT + RETURN, Audience.US: RETURN + ENGAGEMENT,
    Audience.BOTH: ENGAGEMENT + RETURN,
}  # fmt: skip
KEYS = ("hypothesis", "task", "setup", "mechanics", "execution", "outcomes", "comparison",
        "strategy", "creator", "learnings", "missing")  # fmt: skip


def _other_language(text_here: str, text_there: str) -> str:
    """People's own text in the language it was written in, marked when it is the other."""
    if text_here:
        return text_here
    if text_there:
        return _("(written in the other language only) %(text)s") % {"text": text_there}
    return ""


def _sections(campaign: Campaign, audience: str, language: str) -> list[dict]:
    figures = case_figures(campaign, audience, language)
    pieces = [item.piece for item in figures.markets]
    names = ", ".join(piece.market.name for piece in pieces)
    debrief = getattr(campaign, "debrief", None)
    ru = language == "ru"
    said: dict[str, str] = {}

    said["hypothesis"] = _other_language(
        campaign.hypothesis_ru if ru else campaign.hypothesis_en,
        campaign.hypothesis_en if ru else campaign.hypothesis_ru,
    ) or _("No hypothesis was written down for this campaign.")

    tasks = []
    for item in figures.markets:
        piece, kpi = item.piece, item.kpi
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
    several = len(figures.markets) > 1
    judged_apart = _(
        "Each market is judged by what its own team leads with, so the same campaign is read "
        "in each market's own metric language."
    )
    said["setup"] = " ".join([judged_apart, *leads] if several else leads)

    creators = []
    for item in figures.markets:
        piece, links = item.piece, item.links
        tiers: dict[str, int] = {}
        for link in links:
            tier = link.account.tier
            label = str(tier.label) if tier else _("unknown tier")
            tiers[label] = tiers.get(label, 0) + 1
        spread = ", ".join(f"{label} {count}" for label, count in tiers.items())
        creators.append(ngettext("%(market)s: %(count)s creator (%(spread)s).",
                                 "%(market)s: %(count)s creators (%(spread)s).", len(links)) % {
            "market": piece.market.name, "count": len(links), "spread": spread or "—"})  # fmt: skip
    said["mechanics"] = "\n".join([*creators, *_tier_words(figures), *_approval_words(figures)])

    said["execution"] = "\n".join(_execution_lines(campaign)) or _(
        "No check-in or event was recorded during the campaign."
    )

    if debrief is not None:
        from aftercast.debriefs.summary import verdict_sentence

        verdicts = debrief.verdicts.select_related("campaign_market__market")
        said["outcomes"] = "\n".join(verdict_sentence(v) for v in verdicts)
    said["outcomes"] = said.get("outcomes") or _(
        "The campaign has no debrief yet, so no verdict: the numbers below are as recorded."
    )

    if several:  # one market has nothing to be compared with ("missing" says so)
        said["comparison"] = _comparison_words(figures, audience)
    said["strategy"] = _strategy_words(figures)

    if debrief is not None:
        from aftercast.debriefs.wording import headline

        tested = [headline(f) for f in debrief.findings.select_related("market", "arm_a", "arm_b")
                  if f.metric and f.market_id is None]  # fmt: skip
        if tested and several:
            said["comparison"] += "\n" + "\n".join(tested)

    said["creator"] = _creator_words(figures)  # their stories are added when it is shown

    from aftercast.learnings.models import Learning

    rules = Learning.objects.filter(
        workspace_id=campaign.workspace_id, evidence__finding__debrief__campaign=campaign
    ).distinct()
    said["learnings"] = "\n".join(f"— {rule.statement}" for rule in rules) or _(
        "No rule was drawn from this campaign yet."
    )

    missing = []
    measured = [value for item in figures.markets for key, value in item.values.items()
                if key not in ("spend", "followers") and value]  # fmt: skip
    if not measured:
        missing.append(_("no results recorded yet: import the platforms' statistics"))
    if debrief is None:
        missing.append(_("no debrief, so no verdicts or tests"))
    if len(pieces) < 2:
        missing.append(_("one market only (%(markets)s): there is nothing to compare it with")
                       % {"markets": names or "—"})  # fmt: skip
    if not any(item.values.get("spend") for item in figures.markets):
        missing.append(_("no spend recorded: costs per outcome cannot be computed"))
    if missing:
        said["missing"] = _("This study lacks: %(what)s.") % {"what": "; ".join(missing)}

    headings = {
        "hypothesis": _("Hypothesis"), "task": _("The task in each market"),
        "setup": _("Setup: how each market reads success"),
        "mechanics": _("Creators and mechanics"), "execution": _("Execution"),
        "outcomes": _("Outcomes"), "comparison": _("Markets compared"),
        "strategy": _("Where the strategy aligned and diverged"),
        "creator": _("The creator's perspective"), "learnings": _("Forward learnings"),
        "missing": _("What this study lacks"),
    }  # fmt: skip
    order = list(KEYS)
    if audience == Audience.US:  # results first for readers who lead with ROI
        order.remove("outcomes")
        order.insert(1, "outcomes")
    return [{"key": key, "heading": str(headings[key]), "body": said.get(key, "")}
            for key in order if said.get(key) or key == "creator"]  # fmt: skip


def _with_reader_money(metric: str, value, item, figures: Figures) -> str:
    """A value in the market's currency, and in the reader's when that differs."""
    shown = metric_value(metric, value, item.piece.currency)
    converted = item.in_reader.get(metric)
    if converted is not None and item.piece.currency != figures.currency:
        shown += " ≈ " + metric_value(metric, converted, figures.currency)
    return shown


def _comparison_words(figures: Figures, audience: str) -> str:
    """ "ROAS 2.1x overall: US 2.8x, RU 1.4x." for the metrics the reader leads with."""
    lines = []
    several = len(figures.markets) > 1
    for metric in ORDER[audience]:
        shown = [f"{item.piece.market.name} {_with_reader_money(metric, value, item, figures)}"
                 for item in figures.markets
                 if (value := item.values.get(metric)) is not None]  # fmt: skip
        if not shown:
            continue
        overall = figures.overall.get(metric)
        words = {"metric": get_metric(metric).name, "markets": ", ".join(shown)}
        if several and overall is not None and len(shown) > 1:
            words["overall"] = metric_value(metric, overall, figures.currency)
            lines.append(_("%(metric)s %(overall)s overall: %(markets)s.") % words)
        else:
            lines.append(_("%(metric)s: %(markets)s.") % words)
        if len(lines) == 4:
            break
    if several and figures.unconverted:
        lines.append(_("Not in the overall figures, for want of an exchange rate: %(markets)s.")
                     % {"markets": ", ".join(figures.unconverted)})  # fmt: skip
    return "\n".join(lines) or _("No metric was recorded in two markets to compare.")


def _strategy_words(figures: Figures) -> str:
    """Where the markets were judged alike and where apart: the success metric each chose."""
    judged = [(item.piece.market.name, item.primary) for item in figures.markets if item.primary]
    if len(figures.markets) < 2 or len(judged) < 2:
        return ""
    metrics = {metric for _name, metric in judged}
    if len(metrics) == 1:
        same = get_metric(metrics.pop()).name
        if len(judged) == 2:
            both = _("Aligned: both markets were judged by the same success metric, %(metric)s.")
            return both % {"metric": same}
        return _("Aligned: all %(count)s markets were judged by the same success metric, "
                 "%(metric)s.") % {"count": len(judged), "metric": same}  # fmt: skip
    groups: dict[str, list[str]] = {}
    for name, metric in judged:
        groups.setdefault(metric, []).append(name)
    each = "; ".join(_("%(markets)s by %(metric)s") % {"markets": ", ".join(names),
                                                       "metric": get_metric(metric).name}
                     for metric, names in groups.items())  # fmt: skip
    return _(
        "Diverged: the markets were judged by different success metrics (%(each)s); each "
        "market's result is read against its own, not forced into one."
    ) % {"each": each}


def _tier_words(figures: Figures) -> list[str]:
    """What creators of each tier did, market by market (a tier's ER differs more between
    markets than between tiers): ER by reach of each tier's creators together."""
    from aftercast.catalog.models import Tier
    from aftercast.metrics.selectors import group_metrics

    lines = []
    for item in figures.markets:
        by_tier: dict[str, list] = {}
        for link in item.links:
            if link.account.tier:
                by_tier.setdefault(link.account.tier, []).append(link)
        if len(by_tier) < 2:
            continue
        shown = []
        for tier in [value for value in Tier.values if value in by_tier]:
            er = group_metrics(by_tier[tier]).get("er_reach")
            shown.append(f"{Tier(tier).label} {formatting.percent(er) if er is not None else '—'}")
        lines.append(_("%(market)s, ER by reach by creator tier: %(tiers)s.")
                     % {"market": item.piece.market.name, "tiers": ", ".join(shown)})  # fmt: skip
    return lines


def _approval_words(figures: Figures) -> list[str]:
    """How the briefs were agreed: each market's sign-offs, and what creators pushed back on."""
    from aftercast.briefs.models import SignOff

    lines = []
    for item in figures.markets:
        asked = list(SignOff.objects.filter(brief__campaign_market=item.piece,
                                            brief__deleted_at__isnull=True,
                                            superseded_at__isnull=True))  # fmt: skip
        if not asked:
            continue
        signed = sum(1 for sign in asked if sign.signed_at)
        lines.append(_("%(market)s: the brief was signed off by %(signed)s of %(asked)s.")
                     % {"market": item.piece.market.name, "signed": signed,
                        "asked": len(asked)})  # fmt: skip
    return lines


def _execution_lines(campaign: Campaign) -> list[str]:
    """What changed mid-flight and how the team adapted: the check-ins held, with what they
    decided, and the timeline's events, in date order."""
    from aftercast.checkins.models import CheckIn, CheckInStatus

    dated = [(event.happened_on, f"{formatting.date(event.happened_on)}: {event.description}")
             for event in campaign.timeline.all()]  # fmt: skip
    for checkin in CheckIn.objects.filter(
        campaign_market__campaign=campaign, status=CheckInStatus.HELD, deleted_at__isnull=True
    ).select_related("campaign_market__market"):
        said = " ".join(part for part in (checkin.summary, checkin.decisions) if part)
        if said:
            day = checkin.held_on or checkin.scheduled_on
            dated.append((day, _("%(date)s, check-in (%(market)s): %(said)s") % {
                "date": formatting.date(day), "market": checkin.campaign_market.market.name,
                "said": said}))  # fmt: skip
    return [line for _day, line in sorted(dated, key=lambda pair: pair[0])]


def _creator_words(figures: Figures) -> str:
    from aftercast.briefs.models import SignOff, SignOffRole

    said = []
    for piece in (item.piece for item in figures.markets):
        for sign in SignOff.objects.filter(
            brief__campaign_market=piece, role=SignOffRole.CREATOR
        ).exclude(comment=""):
            said.append(f"{sign.signer_name} ({piece.market.name}): “{sign.comment}”")
    return "\n".join(said)


def _creator_stories(section: Section, campaign: Campaign, language: str) -> None:
    """The creators' own answers, each in the language they wrote it in (marked when that is
    not the document's); what to do when there are none."""
    from aftercast.reports.collaboration import stories_of

    asked = {
        "briefed": _("What I was briefed on"),
        "happened": _("What actually happened, and what I pushed back on"),
        "numbers": _("The numbers I saw"),
        "differently": _("What I would do differently"),
    }
    for story in stories_of(campaign):
        link = story.partnership
        who = f"{link.account.creator.name} ({link.campaign_market.market.name})"
        if story.language != language:
            who += " " + (_("(written in Russian)") if story.language == "ru"
                          else _("(written in English)"))  # fmt: skip
        rows = [[str(question), answer] for key, question in asked.items()
                if (answer := getattr(story, key))]  # fmt: skip
        section.tables.append(Table([_("In their words"), who], rows))
    if not section.paragraphs and not section.tables:
        section.paragraphs.append(_(
            "No creator's words were recorded: ask each creator, through a link on this "
            "study's page, what they were briefed on, what happened and what they would do "
            "differently."))  # fmt: skip


def generate_sections(campaign: Campaign, audience: str) -> dict[str, list[dict]]:
    """Each language's sections, written natively in it."""
    found = {}
    for language in ("en", "ru"):
        with translation.override(language):
            found[language] = _sections(campaign, audience, language)
    return found


def _sentiment_row(figures: Figures, several: bool) -> list[str]:
    shares = [item.negative_share for item in figures.markets]
    if several:
        shares.append(figures.negative_share)
    shown = [formatting.percent(share) if share is not None else "—" for share in shares]
    return [_("Negative comments (audience sentiment)"), *shown]


def _set_against(item) -> list[str]:
    """The metrics of a market worth setting against a benchmark: its success metric, and any
    other it has both a result and a benchmark for."""
    found = [item.primary] if item.primary else []
    return found + [metric for metric in item.benchmarks
                    if metric not in found and item.values.get(metric) is not None]  # fmt: skip


def _tables(figures: Figures, audience: str) -> dict[str, list[Table]]:
    tables: dict[str, list[Table]] = {}
    rows = []
    for item in figures.markets:
        piece, kpi = item.piece, item.kpi
        leads = ", ".join(str(get_metric(m).short) for m in piece.market.lead_metrics)
        budget = formatting.money(piece.budget, piece.currency)
        if item.rate is not None and piece.currency != figures.currency:
            budget += " ≈ " + formatting.money(float(piece.budget) * item.rate, figures.currency)
        rows.append([piece.market.name, budget,
                     str(get_metric(kpi.metric).name) if kpi else "—", leads or "—"])  # fmt: skip
    if rows:
        tables["setup"] = [Table([_("Market"), _("Budget"), _("Success metric"),
                                  _("Read first by")], rows)]  # fmt: skip
    rows = []
    for item in figures.markets:
        for link in item.links:
            account = link.account
            er = item.er.get(link.pk)
            rows.append([item.piece.market.name, account.creator.name, account.platform.name,
                         str(account.tier.label) if account.tier else "—",
                         formatting.number(account.followers, digits=0),
                         formatting.percent(er) if er is not None else "—"])  # fmt: skip
    if rows:
        tables["mechanics"] = [Table([_("Market"), _("Creator"), _("Platform"), _("Tier"),
                                      _("Followers"), _("ER by reach")], rows)]  # fmt: skip
    outcomes = []
    several = len(figures.markets) > 1
    rows = []
    for metric in ORDER[audience]:
        if all(item.values.get(metric) is None for item in figures.markets):
            continue
        cells = [_with_reader_money(metric, item.values.get(metric), item, figures)
                 if item.values.get(metric) is not None else "—"
                 for item in figures.markets]  # fmt: skip
        if several:
            overall = figures.overall.get(metric)
            cells.append(
                "—" if overall is None else metric_value(metric, overall, figures.currency)
            )
        rows.append([str(get_metric(metric).name), *cells])
        if metric == "comments" and figures.negative_share is not None:
            rows.append(_sentiment_row(figures, several))
    if rows:
        header = [_("Metric"), *[item.piece.market.name for item in figures.markets]]
        if several:
            header.append(
                _("All markets, %(currency)s (money without %(markets)s)")
                % {"currency": figures.currency, "markets": ", ".join(figures.unconverted)}
                if figures.unconverted
                else _("All markets, %(currency)s") % {"currency": figures.currency}
            )
        outcomes.append(Table(header, rows))
    rows = []
    for item in figures.markets:
        currency = item.piece.currency
        for metric in _set_against(item):
            bench = item.benchmarks.get(metric)
            primary = metric == item.primary
            rows.append([
                item.piece.market.name,
                (_("%(metric)s (success metric)") if primary else "%(metric)s")
                % {"metric": get_metric(metric).name},
                metric_value(metric, item.values.get(metric), currency),
                metric_value(metric, item.kpi.target, currency) if primary and item.kpi else "—",
                _("%(median)s (%(low)s – %(high)s)") % {
                    "median": metric_value(metric, bench.median, currency),
                    "low": metric_value(metric, bench.p25, currency),
                    "high": metric_value(metric, bench.p75, currency)} if bench else "—",
                ngettext("%(value)s (%(count)s campaign)",
                         "%(value)s (median of %(count)s campaigns)", item.past_count)
                % {"value": metric_value(metric, item.past, currency), "count": item.past_count}
                if primary and item.past is not None else "—",
            ])  # fmt: skip
    if rows:
        outcomes.append(Table([_("Market"), _("Metric"), _("Result"), _("Target"),
                               _("Benchmark: median (usual range)"), _("Earlier campaigns")],
                              rows))  # fmt: skip
    if outcomes:
        tables["outcomes"] = outcomes
    return tables


def case_study_document(study: CaseStudy, language: str) -> Document:
    """The study as a Document in `language`: its (edited) sections, with the tables read from
    the data now."""
    with translation.override(language):
        figures = case_figures(study.campaign, study.audience, language)
        tables = _tables(figures, study.audience)
        drawn = case_charts(study.campaign, figures)
        sections = []
        for item in study.sections_ru if language == "ru" else study.sections_en:
            section = Section(item.get("heading") or "")
            section.paragraphs = [p for p in (item.get("body") or "").split("\n") if p.strip()]
            if item.get("key") == "creator":
                _creator_stories(section, study.campaign, language)
            section.tables += tables.get(item.get("key"), [])
            section.charts += drawn.get(item.get("key"), [])
            sections.append(section)
        title = (study.title_ru or study.title_en) if language == "ru" else (
            study.title_en or study.title_ru)  # fmt: skip
        readers: dict[str, str] = {
            Audience.RU: _("for readers in the Russian market"),
            Audience.US: _("for readers in the US market"),
            Audience.BOTH: _("for readers in every market, side by side"),
        }
        subtitle = " · ".join([
            study.campaign.name,
            f"{formatting.date(study.campaign.starts_on)} – "
            f"{formatting.date(study.campaign.ends_on)}",
            str(readers.get(study.audience, "")),
        ])  # fmt: skip
        return Document(title, subtitle, language, sections, f"case-study-{study.pk}-{language}")
