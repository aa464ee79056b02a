"""A KPI's target and bound in words ("target 3 %, minimum 2 %"; "target $12, at most $15")."""

from django import template

from aftercast.briefs.wording import kpi_words

register = template.Library()


@register.simple_tag
def kpi_goal(kpi, currency: str = "") -> str:
    return kpi_words(
        {"metric": kpi.metric, "target": str(kpi.target), "minimum": kpi.minimum}, currency
    )
