from django import template

from aftercast.learnings import explain

register = template.Library()


@register.filter
def highlight(text: str, terms) -> str:
    """A rule's statement with the words the search matched marked."""
    return explain.highlight(text, terms or frozenset())


@register.simple_tag
def why(learning, matches) -> str:
    return explain.why(learning, (matches or {}).get(learning.pk))
