"""The words of a query that name a scope rather than a topic ("mid-tier creators in the US
market", "микроблогеры в России", "TikTok") become filters on a rule's tags: market, creator
tier, platform. The remaining words are the text query. A rule that does not tag a dimension
says nothing against it, so it stays; one tagged otherwise is left out."""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from aftercast.learnings.glossary import concepts_of
from aftercast.learnings.text import words

# glossary concept -> (facet, value as stored on a rule)
FACETS = {
    "russia": ("market", "RU"),
    "usa": ("market", "US"),
    "kazakhstan": ("market", "KZ"),
    **{tier: ("tier", tier) for tier in ("nano", "micro", "mid", "macro", "mega")},
    **{slug: ("platform", slug) for slug in ("tiktok", "instagram", "youtube", "telegram", "vk")},
}
# Words that only frame a facet ("the US market", "mid-tier", "на рынке").
UPPER_US = re.compile(r"\bUS\b")
FRAMING = frozenset(("market", "markets", "tier", "tiers", "рынок", "рынке", "рынка", "рынки"))


@dataclass(frozen=True)
class Facet:
    kind: str  # market, tier or platform
    value: str
    said: str  # the words of the query that named it


def parse(query: str) -> tuple[list[Facet], str]:
    """The query's facets (each once) and the words left for the text search."""
    said = words(query)
    facets: dict[tuple[str, str], Facet] = {}
    used: set[int] = set()
    pronoun = not UPPER_US.search(query)  # "what worked for us" names no market
    for index, word in enumerate(said):
        if word == "us" and pronoun:
            continue
        for concept in sorted(concepts_of(word)):
            if concept in FACETS:
                kind, value = FACETS[concept]
                facets.setdefault((kind, value), Facet(kind, value, word))
                used.add(index)
    framing = {i for i, w in enumerate(said) if w in FRAMING and (i - 1 in used or i + 1 in used)}
    rest = " ".join(w for i, w in enumerate(said) if i not in used | framing)
    return list(facets.values()), rest


def apply(learnings: QuerySet, facets: list[Facet]) -> QuerySet:
    for facet in facets:
        if facet.kind == "market":
            learnings = learnings.filter(
                Q(markets__code=facet.value) | Q(markets__isnull=True)
            ).distinct()
        elif facet.kind == "platform":
            learnings = learnings.filter(
                Q(platforms__slug=facet.value) | Q(platforms__isnull=True)
            ).distinct()
        else:  # tiers: a short JSON list, read in Python alike on SQLite and PostgreSQL
            rules = learnings.only("pk", "tiers")
            kept = [r.pk for r in rules if not r.tiers or facet.value in r.tiers]
            learnings = learnings.filter(pk__in=kept)
    return learnings


def without(query: str, facet: Facet) -> str:
    """The query with a facet's words taken out (a chip's remove link)."""
    return " ".join(word for word in words(query) if word != facet.said)


def label(facet: Facet) -> str:
    from aftercast.catalog.models import Market, Platform
    from aftercast.catalog.tiers import Tier

    if facet.kind == "market":
        market = Market.objects.filter(code=facet.value).first()
        return market.name if market else facet.value
    if facet.kind == "platform":
        platform = Platform.objects.filter(slug=facet.value).first()
        return platform.name if platform else facet.value
    return str(Tier(facet.value).label)
