from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from aftercast.briefs.models import Brief
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
from aftercast.learnings import facets
from aftercast.learnings.models import Learning
from aftercast.learnings.search import search_learnings


def learning_list(
    workspace: Workspace,
    *,
    market: str = "",
    status: str = "",
    metric: str = "",
    tier: str = "",
    query: str = "",
) -> QuerySet[Learning]:
    learnings = in_workspace(Learning.objects.all(), workspace)
    if market:
        learnings = learnings.filter(markets__code=market)
    if status:
        learnings = learnings.filter(status=status)
    if metric:
        learnings = learnings.filter(metric=metric)
    scope, text = facets.parse(query)
    learnings = facets.apply(learnings, scope)
    if text.strip():
        # Full text in either language (learnings/search.py), the best match first.
        ranked = [match.learning_id for match in search_learnings(workspace, text)]
        learnings = learnings.filter(pk__in=ranked).annotate(
            relevance=Case(
                *[When(pk=pk, then=Value(len(ranked) - index)) for index, pk in enumerate(ranked)],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    elif query:  # only a scope was asked: every rule in it, the "best match" sort still valid
        learnings = learnings.annotate(relevance=Value(0, output_field=IntegerField()))
    learnings = learnings.prefetch_related("markets", "platforms").distinct()
    if tier:
        # Tiers are a short JSON list; filtering in Python keeps SQLite and PostgreSQL alike.
        return learnings.filter(pk__in=[item.pk for item in learnings if tier in item.tiers])
    return learnings


def relevant_for_brief(brief) -> list[tuple[Learning, int]]:
    """Rules whose tags match a brief, best match first, each with how many tags matched.

    A rule tagged for a market, tier, platform, campaign type or metric other than the brief's
    does not apply; an untagged dimension, or one the brief does not know yet (no creators, no
    KPI), matches anything. Retired rules are left out.
    """
    from aftercast.campaigns.selectors import active_partnerships
    from aftercast.learnings.models import LearningStatus

    piece = brief.campaign_market
    links = active_partnerships(piece).select_related("account__platform")
    tiers = {str(link.account.tier) for link in links if link.account.tier}
    platforms = {link.account.platform_id for link in links}
    metrics = set(brief.kpis.values_list("metric", flat=True))
    found = []
    rules = (
        in_workspace(Learning.objects.all(), Workspace(pk=piece.workspace_id))
        .exclude(status=LearningStatus.RETIRED)
        .filter(Q(markets=piece.market) | Q(markets__isnull=True))
        .prefetch_related("markets", "platforms")
        .distinct()
    )
    for rule in rules:
        rule_platforms = {p.pk for p in rule.platforms.all()}
        # (does the rule say something here, does the brief know it, does it match)
        checks = [
            (bool(rule.markets.all()), True, True),
            (bool(rule.tiers), bool(tiers), bool(tiers & set(rule.tiers))),
            (bool(rule_platforms), bool(platforms), bool(platforms & rule_platforms)),
            (bool(rule.campaign_types), True, piece.campaign.campaign_type in rule.campaign_types),
            (True, bool(metrics), rule.metric in metrics),
        ]
        if all(ok for tagged, known, ok in checks if tagged and known):
            found.append((rule, sum(1 for tagged, known, ok in checks if tagged and known and ok)))
    return sorted(found, key=lambda pair: -pair[1])


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
