from django import template

from aftercast.learnings import explain

register = template.Library()


@register.filter
def highlight(text: str, found) -> str:
    """A rule's statement with the words the search (`found`) matched marked."""
    if not found:
        return explain.highlight(text, frozenset())
    return explain.highlight(text, found.terms, found.glossary)


@register.simple_tag
def why(learning, matches) -> str:
    return explain.why(learning, (matches or {}).get(learning.pk))


@register.filter
def tier_label(value: str) -> str:
    from aftercast.catalog.tiers import Tier

    return str(Tier(value).label) if value in Tier.values else value
