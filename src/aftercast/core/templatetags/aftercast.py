"""Template filters that format for the reader through core.formatting."""

from django import template
from django.urls import reverse

from aftercast.core import formatting

register = template.Library()


@register.filter
def money(amount, currency):
    return formatting.money(amount, currency)


@register.filter
def number(value, digits=0):
    return formatting.number(value, digits=int(digits))


@register.filter
def compact(value):
    return formatting.compact(value)


@register.filter
def percent(value, digits=1):
    return formatting.percent(value, digits=int(digits))


@register.filter
def ldate(value):
    return formatting.date(value)


@register.filter
def ldatetime(value):
    return formatting.datetime(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def undo_url(extra_tags: str) -> str:
    """The restore address a removal's message carries ("undo <kind> <pk>"), or ""."""
    words = str(extra_tags).split()
    if len(words) != 3 or words[0] != "undo" or not words[2].isdigit():
        return ""
    return reverse("core:restore", args=[words[1], int(words[2])])
