"""A metric's value written for the reader, by the metric's unit (beside the registry)."""

from aftercast.core.formatting import EMPTY, money, number, percent
from aftercast.metrics.registry import Unit, get_metric


def metric_value(key: str, value, currency: str = "", language: str | None = None) -> str:
    """Format a metric's value by its unit: counts, percentages, money, multiples (2.8×)."""
    if value is None:
        return EMPTY
    unit = get_metric(key).unit
    if unit is Unit.RATIO:
        return percent(float(value), language, digits=2 if abs(float(value)) < 0.1 else 1)
    if unit is Unit.MONEY:
        if not currency:
            return number(value, language)
        return money(value, currency, language, cents=abs(float(value)) < 1000)
    if unit is Unit.MULTIPLE:
        return number(value, language, digits=2) + "×"
    return number(value, language, digits=0)
