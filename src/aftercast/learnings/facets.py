"""The words of a query that name a scope rather than a topic ("mid-tier creators in the US
market", "микроблогеры в России", "TikTok", "conversion", "прошлой весной") become filters on a
rule's tags: market, creator tier, platform, metric, time. The remaining words are the text
query. A rule that does not tag a dimension says nothing against it, so it stays; one tagged
otherwise is left out."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from aftercast.learnings import periods
from aftercast.learnings.glossary import NO_EXTRA, Extra, concepts_of
from aftercast.learnings.search import STOP_WORDS
from aftercast.learnings.text import WORD, folded, words

# glossary concept -> (facet, value as stored on a rule)
FACETS = {
    "russia": ("market", "RU"),
    "usa": ("market", "US"),
    "kazakhstan": ("market", "KZ"),
    **{tier: ("tier", tier) for tier in ("nano", "micro", "mid", "macro", "mega")},
    **{slug: ("platform", slug) for slug in ("tiktok", "instagram", "youtube", "telegram", "vk")},
    **{concept: ("metric", concept) for concept in ("er", "reach", "ctr", "conversion", "cac",
                                                    "aov", "roas", "ltv", "signup")},
}  # fmt: skip
# A metric concept -> the registry's metrics it stands for.
METRICS = {
    "er": ("er_reach", "er_followers", "er_views", "engagements"),
    "reach": ("reach",),
    "ctr": ("ctr",),
    "conversion": ("conversion_rate", "conversions"),
    "cac": ("cpa",),
    "aov": ("aov",),
    "roas": ("roas",),
    "ltv": ("ltv",),
    "signup": ("signups", "signup_rate"),
}
# Words that only frame a facet ("the US market", "mid-tier", "на рынке").
UPPER_US = re.compile(r"\bUS\b")
FRAMING = frozenset(("market", "markets", "tier", "tiers", "рынок", "рынке", "рынка", "рынки"))


@dataclass(frozen=True)
class Facet:
    kind: str  # market, tier, platform, metric or time
    value: str  # a market's code, a tier, a platform's slug, a metric concept, "start..end"
    said: str  # the words of the query that named it
    name: str = ""  # how a period is said ("spring 2026")
    at: tuple[int, ...] = field(default=(), compare=False)  # their places among its words


def parse(
    query: str, today: dt.date | None = None, extra: Extra = NO_EXTRA
) -> tuple[list[Facet], str]:
    """The query's facets (each once) and the words left for the text search."""
    said = words(query)
    facets: dict[tuple[str, str], Facet] = {}
    used: set[int] = set()
    period = periods.find(said, today or timezone.localdate())
    if period is not None:
        phrase = " ".join(said[i] for i in period.said)
        facets[("time", period.value)] = Facet(
            "time", period.value, phrase, period.label(), tuple(period.said)
        )
        used.update(period.said)
    pronoun = not UPPER_US.search(query)  # "what worked for us" names no market
    for index, word in enumerate(said):
        if (word == "us" and pronoun) or index in used:
            continue
        for concept in sorted(concepts_of(word, extra)):
            if concept in FACETS:
                kind, value = FACETS[concept]
                known = facets.get((kind, value))
                at = (*known.at, index) if known else (index,)
                facets[(kind, value)] = Facet(kind, value, known.said if known else word, "", at)
                used.add(index)
    rest = " ".join(w for i, w in enumerate(said) if i not in used | _framing(said, used))
    return list(facets.values()), rest


def _framing(said: list[str], used: set[int]) -> set[int]:
    """The places of words that only frame a facet's words ("tier" in "mid-tier")."""
    return {i for i, w in enumerate(said) if w in FRAMING and (i - 1 in used or i + 1 in used)}


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
        elif facet.kind == "metric":
            learnings = learnings.filter(Q(metric__in=METRICS[facet.value]) | Q(metric=""))
        elif facet.kind == "time":
            start, end = (dt.date.fromisoformat(part) for part in facet.value.split(".."))
            ran = Q(
                evidence__finding__debrief__campaign__starts_on__lte=end,
                evidence__finding__debrief__campaign__ends_on__gte=start,
            )
            written = Q(evidence__isnull=True, created_at__date__range=(start, end))
            learnings = learnings.filter(ran | written).distinct()
        else:  # tiers: a short JSON list, read in Python alike on SQLite and PostgreSQL
            rules = learnings.only("pk", "tiers")
            kept = [r.pk for r in rules if not r.tiers or facet.value in r.tiers]
            learnings = learnings.filter(pk__in=kept)
    return learnings


def without(query: str, facet: Facet) -> str:
    """The query with a facet's words taken out, and the words that only framed them (a
    chip's remove link); nothing when only small words would be left."""
    said = words(query)
    found = next((f for f in parse(query)[0] if (f.kind, f.value) == (facet.kind, facet.value)),
                 None)  # fmt: skip
    dropped = set(found.at) if found else set()
    dropped |= _framing(said, dropped)
    # The words as typed ("US" stays a market, not the pronoun "us").
    typed = WORD.findall(query)[: len(said)]
    rest = [w for i, w in enumerate(typed) if i not in dropped]
    return " ".join(rest) if any(folded(w) not in STOP_WORDS for w in rest) else ""


def label(facet: Facet) -> str:
    from aftercast.catalog.models import Market, Platform
    from aftercast.catalog.tiers import Tier

    if facet.kind == "market":
        market = Market.objects.filter(code=facet.value).first()
        return market.name if market else facet.value
    if facet.kind == "platform":
        platform = Platform.objects.filter(slug=facet.value).first()
        return platform.name if platform else facet.value
    if facet.kind == "metric":
        from aftercast.metrics.registry import get_metric

        return str(get_metric(METRICS[facet.value][0]).short)
    if facet.kind == "time":
        return facet.name
    return str(Tier(facet.value).label)
