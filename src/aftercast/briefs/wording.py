"""A brief's versions in words: labels and values in the reader's language, never codes."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from aftercast.briefs.models import AttributionModel, Brief
from aftercast.briefs.versions import BRIEF_FIELDS
from aftercast.campaigns.models import DeliverableFormat
from aftercast.core import formatting
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric

# A brief's KPI targets are kept in its history under "kpi:<metric>".
KPI_CHANGE = "kpi:"


def version_changes(
    before: dict, after: dict, language: str | None = None
) -> list[tuple[str, str, str]]:
    """Say what changed between two versions: (what, before, after), labels and values in words."""
    labels = {name: field_label(name) for name in BRIEF_FIELDS}
    rows: list[tuple[str, str, str]] = []
    for name in BRIEF_FIELDS:
        old, new = before["fields"].get(name), after["fields"].get(name)
        if old != new:
            rows.append((labels[name], field_words(name, old), field_words(name, new)))
    currency = after.get("currency", "")
    old_kpis = {k["metric"]: k for k in before["kpis"]}
    new_kpis = {k["metric"]: k for k in after["kpis"]}
    for metric in sorted(old_kpis.keys() | new_kpis.keys()):
        old, new = old_kpis.get(metric), new_kpis.get(metric)
        if old != new:
            rows.append(
                (
                    str(get_metric(metric).name),
                    kpi_words(old, currency, language),
                    kpi_words(new, currency, language),
                )
            )
    if before.get("schedule", []) != after.get("schedule", []):
        rows.append(
            (
                str(_("Posting schedule")),
                _schedule_words(before.get("schedule", []), language),
                _schedule_words(after.get("schedule", []), language),
            )
        )
    if before["checkins"] != after["checkins"]:
        rows.append(
            (
                str(_("Check-in dates")),
                days_words(before["checkins"], language),
                days_words(after["checkins"], language),
            )
        )
    return rows


def field_label(name: str) -> str:
    return str(Brief._meta.get_field(name).verbose_name).capitalize()  # type: ignore[union-attr]


def kpi_words(kpi: dict | None, currency: str = "", language: str | None = None) -> str:
    if kpi is None:
        return "—"
    target = metric_value(kpi["metric"], Decimal(kpi["target"]), currency, language)
    text = str(_("target %(target)s") % {"target": target})
    if kpi.get("minimum") is not None:
        minimum = metric_value(kpi["metric"], Decimal(kpi["minimum"]), currency, language)
        # For a cost the acceptable bound is a ceiling, not a floor.
        bound = (
            _("minimum %(minimum)s")
            if get_metric(kpi["metric"]).higher_is_better
            else _("at most %(minimum)s")
        )
        text += ", " + str(bound % {"minimum": minimum})
    if kpi.get("primary"):
        text += " (" + str(_("primary")) + ")"
    return text


def field_words(name: str, value) -> str:
    if value in ("", None):
        return "—"
    if name == "attribution_model":
        return str(dict(AttributionModel.choices).get(value, value))
    return str(value)


def schedule_lines(posts: list, language: str | None = None) -> list[str]:
    """Planned posts of a version, one line each: "Jake Miller: Reel / short video, Jun 6…"."""
    formats = dict(DeliverableFormat.choices)
    return [
        f"{name}: {formats.get(kind, kind)}, "
        f"{formatting.datetime(dt.datetime.fromisoformat(at), language)}"
        for name, kind, at in posts
    ]


def _schedule_words(posts: list, language: str | None) -> str:
    return "; ".join(schedule_lines(posts, language)) or "—"


def days_words(days: list[str], language: str | None = None) -> str:
    return ", ".join(formatting.date(dt.date.fromisoformat(day), language) for day in days) or "—"
