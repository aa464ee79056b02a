from django import template
from django.urls import reverse
from django.utils.html import format_html, json_script

from aftercast.core import charts

register = template.Library()


@register.simple_tag(takes_context=True)
def charts_script(context):
    """The chart library's <script>, deferred so it never holds the page up. The page's
    Content-Security-Policy then allows what Vega needs (core/middleware.py)."""
    request = context.get("request")
    if request is not None:
        request.draws_charts = True
    url = reverse("core:charts_script")
    return format_html('<script src="{}?v={}" defer></script>', url, charts.version())


@register.inclusion_tag("core/_chart.html")
def chart(spec: dict, name: str, label: str = ""):
    """A chart drawn in the browser: its spec as JSON next to the element it is drawn in."""
    element_id = f"chart-{name}"
    return {
        "element_id": element_id,
        "source": json_script(spec, f"{element_id}-spec"),
        "label": label,
    }
