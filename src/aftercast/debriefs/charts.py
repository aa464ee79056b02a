"""Forest plots: for each tested variant and metric, every market's lift with its 95 %
interval, and the pooled lift below them, drawn as a diamond, around the line of no effect."""

from collections import defaultdict

import altair as alt
from django.utils.translation import gettext as _

from aftercast.core import charts, formatting
from aftercast.debriefs.models import Finding
from aftercast.debriefs.wording import headline
from aftercast.metrics.registry import get_metric

MAX_SHOWN = 2.0  # +200 %: a lift's interval beyond it is cut at the plot's edge


def forest_groups(findings) -> list[tuple[str, list[Finding]]]:
    """Findings with numbers grouped by variant and metric, markets first and the pool last;
    only groups with more than one market are worth a plot."""
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.metric and finding.effect_rel is not None:
            groups[(finding.variant_id, finding.metric)].append(finding)
    found = []
    for (_variant, metric), items in groups.items():
        if len(items) < 3:  # two markets and their pool at the least
            continue
        items.sort(key=lambda f: (f.market is None, f.market.code if f.market else ""))
        variant = items[0].variant
        title = f"{variant.name if variant else ''} · {get_metric(metric).short}"
        found.append((title, items))
    return found


def _interval(f: Finding) -> str:
    lift, low, high = (formatting.percent(v, digits=0) for v in (f.effect_rel, f.ci_low, f.ci_high))
    return f"{lift} [{low}; {high}]"


def forest_plot(title: str, items: list[Finding]) -> dict:
    pooled_name = _("All markets (pooled)")
    rows = [
        {
            "label": f.market.name if f.market else pooled_name,
            "lift": f.effect_rel,
            "low": f.ci_low,
            "high": f.ci_high,
            "pooled": f.market is None,
            "shown": _interval(f),
        }
        for f in items
    ]
    order = [str(row["label"]) for row in rows]
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    x_axis = alt.Axis(format="+.0%", title=_("Lift of B over A (95% CI)"), tickCount=6,
                      labelOverlap="greedy", labelFlush=True)  # fmt: skip
    # A very wide interval (a handful of conversions) would squash every other row: the axis
    # stops at MAX_SHOWN and the interval runs off its edge, as forest plots draw them.
    low = max(min(0.0, *(f.ci_low for f in items if f.ci_low is not None)), -1.0)
    high = min(max(0.0, *(f.ci_high for f in items if f.ci_high is not None)), MAX_SHOWN)
    scale = alt.Scale(domain=[low, high], nice=False, clamp=True)
    tooltip = [alt.Tooltip("label:N", title=_("Market")),
               alt.Tooltip("shown:N", title=_("Lift"))]  # fmt: skip
    colour = alt.condition("datum.pooled", alt.value("#1f4e79"), alt.value("#4a5563"))
    intervals = (
        alt.Chart(alt.Data(values=rows))
        .mark_rule(strokeWidth=2)
        .encode(
            y=y,
            x=alt.X("low:Q", axis=x_axis, scale=scale),
            x2="high:Q",
            color=colour,
            tooltip=tooltip,
        )  # fmt: skip
    )
    points = alt.Chart(alt.Data(values=rows)).mark_point(filled=True, opacity=1).encode(
        y=y, x=alt.X("lift:Q", scale=scale), color=colour, tooltip=tooltip,
        shape=alt.condition("datum.pooled", alt.value("diamond"), alt.value("square")),
        size=alt.condition("datum.pooled", alt.value(220), alt.value(90)),
    )  # fmt: skip
    zero = (
        alt.Chart(alt.Data(values=[{"zero": 0}]))
        .mark_rule(strokeDash=[4, 3], color="#9aa1ab")
        .encode(x=alt.X("zero:Q", scale=scale))
    )
    chart = alt.layer(zero, intervals, points).properties(
        width="container", height=46 * len(rows) + 30, title=title
    )
    described = " ".join(headline(f) for f in items)
    return charts.spec(chart, described)


def debrief_forests(findings) -> list[tuple[str, dict]]:
    """(title, spec) per forest plot of a debrief's findings."""
    return [(title, forest_plot(title, items)) for title, items in forest_groups(findings)]
