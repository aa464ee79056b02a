"""Template tags for metrics, available in every template (a builtin, see settings)."""

from django import template

from aftercast.metrics import formatting
from aftercast.metrics.registry import METRICS

register = template.Library()


@register.simple_tag
def metric_value(key, value, currency=""):
    return formatting.metric_value(key, value, currency)


@register.filter
def metric_name(key):
    metric = METRICS.get(key)
    return metric.name if metric else key


@register.filter
def metric_short(key):
    metric = METRICS.get(key)
    return metric.short if metric else key
