"""A search result said to its reader: why it ranks where it does (the words it matches, the
strength of its evidence, how recent it is), its matched words highlighted, and the JSON the
CLI and the API print."""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from aftercast.core import formatting
from aftercast.learnings import facets
from aftercast.learnings.glossary import NO_EXTRA, Extra, concepts_of
from aftercast.learnings.models import Learning
from aftercast.learnings.search import WEIGHTS, Match, recency, strength
from aftercast.learnings.text import CONCEPT_PREFIX, WORD, folded, word_terms


def quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f"“{word}”" for word in words)


def why(learning: Learning, match: Match | None) -> str:
    """One sentence in the reader's language: what the score is made of."""
    parts = []
    if match is not None and match.matched:
        parts.append(_("matches %(words)s") % {"words": quoted(match.matched)})
    parts.append(
        _("%(status)s, %(confidence)s confidence")
        % {
            "status": learning.get_status_display().lower(),
            "confidence": learning.get_confidence_display().lower(),
        }  # fmt: skip
    )
    parts.append(_("changed %(date)s") % {"date": formatting.date(learning.updated_at.date())})
    sentence = "; ".join(parts).rstrip(".")  # a Russian date ends "г."
    if match is None:  # no text searched: the list is by strength and recency, no score
        return capfirst(sentence) + "."
    return _("Score %(score)s: %(why)s.") % {
        "score": formatting.number(score(learning, match), digits=2), "why": sentence}  # fmt: skip


def highlight(text: str, terms: frozenset[str], extra: Extra = NO_EXTRA) -> SafeString:
    """The text, escaped, with the words (and two-word glossary phrases) that match the query's
    terms in <mark>."""
    if not text or not terms:
        return escape(text or "")
    spans = [(m.start(), m.end(), folded(m.group())) for m in WORD.finditer(text)]
    marked = [bool(set(word_terms(word, extra)) & terms) for _s, _e, word in spans]
    for index in range(len(spans) - 1):
        phrase = f"{spans[index][2]} {spans[index + 1][2]}"
        if {CONCEPT_PREFIX + c for c in concepts_of(phrase, extra)} & terms:
            marked[index] = marked[index + 1] = True
    out, position = [], 0
    for (start, end, _word), hit in zip(spans, marked, strict=True):
        if hit:
            out += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
            position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # every piece of the text was escaped above


def payload(found, limit: int) -> dict:
    """The JSON of a search, as `aftercast search --json` and GET /api/v1/learnings print it."""
    from aftercast.learnings.selectors import facet_counts

    rules = list(found.learnings.order_by("-relevance", "-updated_at", "pk")[:limit])
    return {
        "query": found.query,
        "text": found.text,
        "filters": [
            {"kind": f.kind, "value": f.value, "words": f.said, "label": facets.label(f)}
            for f in found.facets
        ],
        "results": [
            {
                "id": rule.pk,
                "key": rule.key,
                "statement_en": rule.statement_en,
                "statement_ru": rule.statement_ru,
                "score": round(score(rule, found.matches.get(rule.pk)), 4),
                "why": why(rule, found.matches.get(rule.pk)),
                "status": rule.status,
                "confidence": rule.confidence,
                "markets": sorted(m.code for m in rule.markets.all()),
                "tiers": rule.tiers,
                "metric": rule.metric or None,
            }
            for rule in rules
        ],
        "facets": {
            kind: [{"value": value, "label": label, "count": count} for value, label, count in rows]
            for kind, rows in facet_counts(found.learnings).items()
        },
    }


def score(learning: Learning, match: Match | None) -> float:
    """A result's score: the blend of its match, or without text its strength and recency."""
    if match is not None:
        return match.score
    return (
        WEIGHTS["strength"] * strength(learning.status, learning.confidence)
        + WEIGHTS["recency"] * recency(learning.updated_at, timezone.now())
    ) / (WEIGHTS["strength"] + WEIGHTS["recency"])
