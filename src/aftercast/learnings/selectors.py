from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.text import capfirst

from aftercast.briefs.models import Brief
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
from aftercast.learnings import facets
from aftercast.learnings.glossary import Extra, for_workspace
from aftercast.learnings.models import Learning
from aftercast.learnings.search import (
    CONFIDENCE_STRENGTH,
    STATUS_STRENGTH,
    Match,
    search_learnings,
    strength,
    without_stop_words,
)
from aftercast.learnings.text import query_groups

STRENGTH_ORDER = (
    Case(
        *[When(status=status, confidence=confidence, then=Value(round(1000 * value)))
          for status in STATUS_STRENGTH for confidence in CONFIDENCE_STRENGTH
          for value in [strength(status, confidence)]],
        default=Value(0),
        output_field=IntegerField(),
    )
)  # fmt: skip


@dataclass
class Found:
    """A search of the learnings: the rules (annotated `relevance`, best first when sorted by
    it), the facets read from the query, the text searched, and each match's parts."""

    learnings: QuerySet[Learning]
    facets: list[facets.Facet]
    text: str
    matches: dict[int, Match] = field(default_factory=dict)
    query: str = ""
    glossary: Extra = field(default_factory=dict)

    @property
    def terms(self) -> frozenset[str]:
        """The index terms of the text's words, to highlight them in a rule."""
        groups = query_groups(without_stop_words(self.text), self.glossary)
        return frozenset(term for _word, group in groups for term in group)


def find_learnings(
    workspace: Workspace,
    *,
    query: str = "",
    market: str = "",
    status: str = "",
    metric: str = "",
    tier: str = "",
    platform: str = "",
) -> Found:
    """The workspace's rules for a query and the list's own filters. The query's scope words are
    filters (learnings/facets.py), the rest full text; without text, the strongest and most
    recent rules come first."""
    learnings = in_workspace(Learning.objects.all(), workspace)
    if market:
        learnings = learnings.filter(markets__code=market)
    if status:
        learnings = learnings.filter(status=status)
    if metric:
        learnings = learnings.filter(metric=metric)
    if platform:
        learnings = learnings.filter(platforms__slug=platform)
    glossary = for_workspace(workspace.pk)
    scope, text = facets.parse(query, extra=glossary)
    learnings = facets.apply(learnings, scope)
    matches: dict[int, Match] = {}
    if without_stop_words(text):
        ranked = search_learnings(workspace, text)
        matches = {match.learning_id: match for match in ranked}
        learnings = learnings.filter(pk__in=list(matches)).annotate(
            relevance=Case(
                *[When(pk=match.learning_id, then=Value(len(ranked) - index))
                  for index, match in enumerate(ranked)],
                default=Value(0),
                output_field=IntegerField(),
            )
        )  # fmt: skip
    else:  # no text: the strongest evidence first, then the most recent
        learnings = learnings.annotate(relevance=STRENGTH_ORDER)
        text = ""
    learnings = learnings.prefetch_related("markets", "platforms").distinct()
    if tier:
        # Tiers are a short JSON list; filtering in Python keeps SQLite and PostgreSQL alike.
        learnings = learnings.filter(pk__in=[item.pk for item in learnings if tier in item.tiers])
    return Found(learnings, scope, text, matches, query, glossary)


def learning_list(workspace: Workspace, **filters) -> QuerySet[Learning]:
    return find_learnings(workspace, **filters).learnings


def facet_counts(learnings: QuerySet[Learning]) -> dict[str, list[tuple[str, str, int]]]:
    """How many of the found rules carry each market, tier, platform, metric and status, as
    (value, label, count), the most common first; a rule without a tag counts for none."""
    from aftercast.catalog.models import Market, Platform
    from aftercast.catalog.tiers import Tier
    from aftercast.learnings.models import LearningStatus
    from aftercast.metrics.registry import get_metric

    chosen = Learning.objects.filter(pk__in=learnings.order_by().values("pk"))
    through = Learning.markets.through.objects.filter(learning__in=chosen.values("pk"))
    markets = {m.code: m.name for m in Market.objects.all()}
    platforms = {p.slug: p.name for p in Platform.objects.all()}
    by_platform = Learning.platforms.through.objects.filter(learning__in=chosen.values("pk"))
    tiers: Counter[str] = Counter()
    for listed in chosen.values_list("tiers", flat=True):
        tiers.update(set(listed or []))
    counted = {
        "market": [(code, markets.get(code, code), n) for code, n in Counter(
            through.values_list("market__code", flat=True)).items()],
        "tier": [(t, str(Tier(t).label), n) for t, n in tiers.items() if t in Tier.values],
        "platform": [(slug, platforms.get(slug, slug), n) for slug, n in Counter(
            by_platform.values_list("platform__slug", flat=True)).items()],
        "metric": [(key, str(get_metric(key).short), n) for key, n in Counter(
            chosen.exclude(metric="").values_list("metric", flat=True)).items()],
        "status": [(s, str(LearningStatus(s).label), n) for s, n in Counter(
            chosen.values_list("status", flat=True)).items()],
    }  # fmt: skip
    return {kind: sorted(rows, key=lambda row: (-row[2], row[1])) for kind, rows in counted.items()}


def brief_words(brief) -> str:
    """What a brief is about, as a search query: its campaign's type and product category, its
    KPIs' metrics, and what its campaign tests (names, arms, dimensions), in both languages."""
    from django.utils import translation

    from aftercast.campaigns.models import Arm, Variant
    from aftercast.metrics.registry import get_metric

    campaign = brief.campaign_market.campaign
    said = []
    for language in ("en", "ru"):
        with translation.override(language):
            said.append(str(campaign.get_campaign_type_display()))
            said += [str(get_metric(k).short) for k in brief.kpis.values_list("metric", flat=True)]
            for variant in Variant.objects.filter(campaign=campaign, deleted_at__isnull=True):
                said += [variant.name, str(variant.get_dimension_display())]
    if campaign.category is not None:
        said += [campaign.category.name_en, campaign.category.name_ru]
    arms = Arm.objects.filter(variant__campaign=campaign).values_list("description", flat=True)
    said += [text for text in arms if text]
    return " ".join(dict.fromkeys(said))


def relevant_for_brief(brief, limit: int = 12) -> list[tuple[Learning, str]]:
    """Rules for a brief, each with why, in the reader's language, through the learnings search.

    Rules whose scope excludes the brief are left out: a rule tagged for another market, or
    for creator tiers or platforms none of the brief's creators has. Retired rules are left
    out too. A scope the brief does not know yet (no creators) matches anything.

    The rest are ranked by how well they match what the brief is about (`brief_words`),
    blended with the strength of their evidence and their recency. A rule ranks higher when
    it is about one of the brief's KPIs, was learnt in the same type of campaign, or concerns
    what this campaign tests (the same dimension).
    """
    from django.utils.translation import gettext as _

    from aftercast.campaigns.models import Variant
    from aftercast.campaigns.selectors import active_partnerships
    from aftercast.learnings.explain import score
    from aftercast.learnings.models import LearningStatus
    from aftercast.metrics.registry import get_metric

    piece = brief.campaign_market
    links = active_partnerships(piece).select_related("account__platform")
    tiers = {str(link.account.tier) for link in links if link.account.tier}
    platforms = {link.account.platform_id for link in links}
    metrics = set(brief.kpis.values_list("metric", flat=True))
    tested = set(
        Variant.objects.filter(campaign=piece.campaign_id, deleted_at__isnull=True).values_list(
            "dimension", flat=True
        )
    )
    workspace = Workspace(pk=piece.workspace_id)
    rules = (
        in_workspace(Learning.objects.all(), workspace)
        .exclude(status=LearningStatus.RETIRED)
        .filter(Q(markets=piece.market) | Q(markets__isnull=True))
        .prefetch_related("markets", "platforms")
        .distinct()
    )
    matches = {m.learning_id: m for m in search_learnings(workspace, brief_words(brief))}
    found = []
    for rule in rules:
        rule_platforms = {p.pk for p in rule.platforms.all()}
        if (rule.tiers and tiers and not tiers & set(rule.tiers)) or (
            rule_platforms and platforms and not platforms & rule_platforms
        ):
            continue
        fits = [
            (rule.dimension and rule.dimension in tested, 0.2,
             _("this campaign tests the same: %(what)s")
             % {"what": rule.get_dimension_display().lower()}),
            (rule.metric in metrics, 0.15,
             _("about a KPI of this brief: %(metric)s")
             % {"metric": get_metric(rule.metric).short if rule.metric else ""}),
            (piece.campaign.campaign_type in rule.campaign_types, 0.1,
             _("learnt in the same type of campaign")),
            (bool(rule.markets.all()), 0.05, _("for this market")),
        ]  # fmt: skip
        said = [words for fit, _weight, words in fits if fit]
        rank = score(rule, matches.get(rule.pk)) + sum(w for fit, w, _words in fits if fit)
        said.append(_("%(status)s, %(confidence)s confidence") % {
            "status": rule.get_status_display().lower(),
            "confidence": rule.get_confidence_display().lower()})  # fmt: skip
        found.append((rank, rule, capfirst("; ".join(said)) + "."))
    found.sort(key=lambda row: (-row[0], row[1].pk))
    return [(rule, why) for _rank, rule, why in found[:limit]]


@dataclass(frozen=True)
class Application:
    """A brief that applied a rule, and whether the rule held there."""

    brief: Brief
    findings: list  # the campaign's findings on the rule's test, in the brief's market
    outcome: str  # held, did_not_hold, mixed, not_tested, not_yet (no debrief yet)


def applications(learning: Learning) -> list[Application]:
    """Where the rule was applied and whether it held: its evidence from the debrief of each
    brief's campaign, in the brief's market (linked back by `services.link_applied`)."""
    found = []
    links = list(learning.evidence.select_related("finding__debrief", "finding__market"))
    briefs = learning.applied_in.select_related(
        "campaign_market__campaign__debrief", "campaign_market__market"
    ).order_by("-campaign_market__campaign__starts_on")
    for brief in briefs:
        piece = brief.campaign_market
        there = [link for link in links if link.finding.debrief.campaign_id == piece.campaign_id
                 and link.finding.market_id == piece.market_id]  # fmt: skip
        if not hasattr(piece.campaign, "debrief"):
            outcome = "not_yet"
        elif not there:
            outcome = "not_tested"
        else:
            held = {link.supports for link in there}
            outcome = "mixed" if len(held) > 1 else ("held" if held == {True} else "did_not_hold")
        found.append(Application(brief, [link.finding for link in there], outcome))
    return found


@dataclass(frozen=True)
class GlossaryRow:
    concept: str
    built_in: tuple[str, ...]  # the words the app knows it by
    added: list  # the workspace's own GlossaryTerms


def glossary_rows(workspace: Workspace) -> list[GlossaryRow]:
    """Every concept of the search glossary with its words: the built-in ones, then the
    workspace's own additions (and its own concepts)."""
    from aftercast.learnings.glossary import GLOSSARY
    from aftercast.learnings.models import GlossaryTerm

    added: dict[str, list] = {}
    for term in GlossaryTerm.objects.filter(workspace=workspace, deleted_at__isnull=True):
        added.setdefault(term.concept, []).append(term)
    rows = [GlossaryRow(c, said, added.pop(c, [])) for c, said in GLOSSARY.items()]
    own = [GlossaryRow(c, (), terms) for c, terms in sorted(added.items())]
    return own + rows


def evidence_of(learning: Learning) -> tuple[list, list]:
    """The rule's linked evidence (with their findings) and its evidence from elsewhere (as
    unsaved findings), as its page and the API show them."""
    from aftercast.learnings.exchange import external_findings

    links = list(
        learning.evidence.select_related(
            "finding__debrief__campaign", "finding__market", "finding__arm_a", "finding__arm_b"
        )
    )
    return links, external_findings(learning)
