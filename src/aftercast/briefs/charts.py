"""The chart beside a KPI's forecast: how likely each outcome is (the simulated outcomes as a
histogram, the 80% range shaded), with the target and the minimum (a cost's limit) as lines.
Labels are in the reader's language; numbers in tooltips are formatted here, axes by the
browser's locale."""

import math

import altair as alt
import numpy as np
from django.utils.translation import gettext as _

from aftercast.core import charts, formatting
from aftercast.forecast.kpis import Forecast
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import Unit, get_metric

BINS = 40
AXIS_FORMATS = {Unit.RATIO: ".1%", Unit.MONEY: ",.0f", Unit.COUNT: ",.0f"}


def forecast_chart(found: Forecast, target: float, minimum: float | None, currency: str) -> dict:
    definition = get_metric(found.metric)

    def words(value: float) -> str:
        return metric_value(found.metric, value, currency)

    # A range spanning more than twentyfold (a ROAS of 0.05× to 4.5×) reads on a log axis,
    # from the 2.5th to the 97.5th percentile; on a linear one the likely outcomes would crowd
    # into the first bars. Otherwise the axis stops at the 95th percentile: a long tail would
    # squeeze the rest. The lines are always in view; what lies beyond is left out, not piled
    # into the last bar, and the 95% range is in the words beside the chart.
    marks = [target] + ([minimum] if minimum is not None else [])
    low, high = np.quantile(found.samples, (0.025, 0.975))
    stretched = (definition.unit is not Unit.RATIO and low > 0 and high / low > 20
                 and min(marks) > 0)  # fmt: skip
    if not stretched:
        low, high = np.quantile(found.samples, (0.005, 0.95))
    low, high = (
        min(low, *(mark / 1.1 for mark in marks)),
        max(high, *(mark * 1.1 for mark in marks)),
    )
    bins = np.geomspace(low, high, BINS + 1) if stretched else np.linspace(low, high, BINS + 1)
    counts, edges = np.histogram(found.samples, bins=bins)

    def middle(a: float, b: float) -> float:  # of a bar, as the axis draws it
        return math.sqrt(a * b) if stretched else (a + b) / 2

    inside = _("Within the %(share)s range") % {"share": formatting.percent(0.8, digits=0)}
    outside = _("Less likely")
    bars = [
        {"from": float(a), "to": float(b), "share": float(n) / len(found.samples),
         "range": f"{words(a)} – {words(b)}",
         "part": inside if found.low80 <= middle(a, b) <= found.high80 else outside}
        for a, b, n in zip(edges[:-1], edges[1:], counts, strict=True)
    ]  # fmt: skip
    rules = [{"value": target, "line": _("Target"), "shown": words(target)}]
    if minimum is not None:
        # For a cost the acceptable bound is a ceiling, not a floor.
        bound = _("Minimum") if definition.higher_is_better else _("Limit")
        rules.append({"value": minimum, "line": bound, "shown": words(minimum)})
    title = str(definition.name) + (f", {currency}" if definition.unit is Unit.MONEY else "")
    if definition.unit is Unit.MULTIPLE:  # 2.5×, as everywhere else
        digits = "~g" if stretched else ".1f"  # 0.05×, 0.1×, 1×, 10× on a log axis
        axis = alt.Axis(labelExpr=f"format(datum.value, '{digits}') + '×'")
    else:
        axis = alt.Axis(format=AXIS_FORMATS[definition.unit])
    if stretched:
        axis.labelOverlap = "greedy"  # a log axis offers a label per step; keep those that fit
    x = alt.X("from:Q", bin="binned", title=title, axis=axis,
              scale=alt.Scale(type="log", nice=False) if stretched else alt.Undefined)  # fmt: skip
    share = _("Share of likely outcomes")
    histogram = alt.Chart(alt.Data(values=bars)).mark_bar().encode(
        x=x, x2="to:Q", y=alt.Y("share:Q", title=share, axis=alt.Axis(format=".0%")),
        color=alt.Color("part:N", title=None, scale=alt.Scale(
            domain=[inside, outside], range=["#1f4e79", "#9dc3e6"])),
        tooltip=[alt.Tooltip("range:N", title=str(definition.short)),
                 alt.Tooltip("share:Q", title=share, format=".1%")],
    )  # fmt: skip
    lines = alt.Chart(alt.Data(values=rules)).mark_rule(strokeWidth=2, strokeDash=[4, 3]).encode(
        x=alt.X("value:Q"),
        stroke=alt.Stroke("line:N", title=None, scale=alt.Scale(
            domain=[str(rule["line"]) for rule in rules],
            range=["#2e8b57", "#c0392b"][: len(rules)])),
        tooltip=[alt.Tooltip("line:N", title=_("Line")),
                 alt.Tooltip("shown:N", title=str(definition.short))],
    )  # fmt: skip
    chart = alt.layer(histogram, lines).properties(width="container", height=160)
    description = _("Likely outcomes of %(metric)s: median %(median)s; the target %(target)s.")
    description %= {"metric": definition.name, "median": words(found.median),
                    "target": words(target)}  # fmt: skip
    return charts.spec(chart, description)


def calibration_chart(by_market: dict) -> dict | None:
    """Each KPI a row, each market a colour: the share of outcomes its 80% range (circles) and
    95% range (diamonds) held, beside dashed lines at 80% and 95%, where they should sit; a
    point left of its line means ranges that held less often than they said."""
    ranges = {nominal: _("Range of %(share)s") % {"share": formatting.percent(nominal, digits=0)}
              for nominal in (0.8, 0.95)}  # fmt: skip
    points = [
        {"range": ranges[nominal], "observed": found[key],
         "market": market, "kpi": str(get_metric(kpi).name), "n": found["n"]}
        for market, kpis in by_market.items() for kpi, found in kpis.items()
        for nominal, key in ((0.8, "coverage_80"), (0.95, "coverage_95"))
        if found[key] is not None
    ]  # fmt: skip
    if not points:
        return None
    held = _("Outcomes inside the range")
    # From a little below the lowest point (at most 50%) to 100%: the lines and the points
    # stay apart enough to read.
    scale = alt.Scale(domain=[min(0.5, min(p["observed"] for p in points) - 0.05), 1])
    lines = alt.Chart(alt.Data(values=[{"at": 0.8}, {"at": 0.95}])).mark_rule(
        color="#a0a4ab", strokeDash=[4, 3]).encode(x=alt.X("at:Q", scale=scale))  # fmt: skip
    dots = alt.Chart(alt.Data(values=points)).mark_point(filled=True, size=80, opacity=0.85).encode(
        x=alt.X("observed:Q", title=held, axis=alt.Axis(format=".0%"), scale=scale),
        y=alt.Y("kpi:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("market:N", title=_("Market")),
        shape=alt.Shape("range:N", title=None, scale=alt.Scale(
            domain=list(ranges.values()), range=["circle", "diamond"])),
        tooltip=[alt.Tooltip("market:N", title=_("Market")), alt.Tooltip("kpi:N", title=_("KPI")),
                 alt.Tooltip("range:N", title=_("Range")),
                 alt.Tooltip("observed:Q", title=held, format=".0%"),
                 alt.Tooltip("n:Q", title=_("Outcomes"))],
    )  # fmt: skip
    rows = len({point["kpi"] for point in points})
    chart = alt.layer(lines, dots).properties(width="container", height=28 * rows + 20)
    return charts.spec(chart, _("How often the forecast ranges held the outcome, by market and "
                                "KPI, against how often they should."))  # fmt: skip
