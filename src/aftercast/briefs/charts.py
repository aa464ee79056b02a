"""The chart beside a KPI's forecast: how likely each outcome is (the simulated outcomes as a
histogram, the 80% range shaded), with the target and the minimum as lines. Labels are in the
reader's language; numbers in tooltips are formatted here, axes by the browser's locale."""

import altair as alt
import numpy as np
from django.utils.translation import gettext as _

from aftercast.core import charts, formatting
from aftercast.forecast.kpis import Forecast
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import Unit, get_metric

BINS = 40
AXIS_FORMATS = {Unit.RATIO: ".1%", Unit.MONEY: ",.0f", Unit.MULTIPLE: ".2f", Unit.COUNT: ",.0f"}


def forecast_chart(found: Forecast, target: float, minimum: float | None, currency: str) -> dict:
    definition = get_metric(found.metric)

    def words(value: float) -> str:
        return metric_value(found.metric, value, currency)

    # Up to the 97.5th percentile (and the lines): a cost's long tail would squeeze the rest
    # into a few bars. What lies beyond is left out, not piled into the last bar.
    low, high = np.quantile(found.samples, (0.005, 0.975))
    marks = [target] + ([minimum] if minimum is not None else [])
    low, high = min(low, *marks), max(high, *(mark * 1.1 for mark in marks))
    counts, edges = np.histogram(found.samples, bins=BINS, range=(low, high))
    inside = _("Within the %(share)s range") % {"share": formatting.percent(0.8, digits=0)}
    outside = _("Less likely")
    bars = [
        {"from": float(a), "to": float(b), "share": float(n) / len(found.samples),
         "range": f"{words(a)} – {words(b)}",
         "part": inside if found.low80 <= (a + b) / 2 <= found.high80 else outside}
        for a, b, n in zip(edges[:-1], edges[1:], counts, strict=True)
    ]  # fmt: skip
    rules = [{"value": target, "line": _("Target"), "shown": words(target)}]
    if minimum is not None:
        rules.append({"value": minimum, "line": _("Minimum"), "shown": words(minimum)})
    title = str(definition.name) + (f", {currency}" if definition.unit is Unit.MONEY else "")
    x = alt.X("from:Q", bin="binned", title=title,
              axis=alt.Axis(format=AXIS_FORMATS[definition.unit]))  # fmt: skip
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
    """Each market × KPI as a point: how often its 80% and 95% intervals held the outcome,
    against how often they should (the diagonal); points near it mean the ranges can be
    trusted."""
    points = [
        {"nominal": nominal, "observed": found[key], "market": market,
         "kpi": str(get_metric(kpi).short), "n": found["n"]}
        for market, kpis in by_market.items() for kpi, found in kpis.items()
        for nominal, key in ((0.8, "coverage_80"), (0.95, "coverage_95"))
        if found[key] is not None
    ]  # fmt: skip
    if not points:
        return None
    said, held = _("Should hold"), _("Held the outcome")
    axis = alt.Axis(format=".0%")
    scale = alt.Scale(domain=[0.7, 1])
    diagonal = alt.Chart(alt.Data(values=[{"x": 0.7, "y": 0.7}, {"x": 1, "y": 1}])).mark_line(
        color="#a0a4ab", strokeDash=[4, 3]).encode(x="x:Q", y="y:Q")  # fmt: skip
    dots = alt.Chart(alt.Data(values=points)).mark_point(filled=True, size=70, opacity=0.8).encode(
        x=alt.X("nominal:Q", title=said, axis=axis, scale=scale),
        y=alt.Y("observed:Q", title=held, axis=axis, scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("market:N", title=_("Market")),
        shape=alt.Shape("kpi:N", title=_("KPI")),
        tooltip=[alt.Tooltip("market:N", title=_("Market")), alt.Tooltip("kpi:N", title=_("KPI")),
                 alt.Tooltip("nominal:Q", title=said, format=".0%"),
                 alt.Tooltip("observed:Q", title=held, format=".0%"),
                 alt.Tooltip("n:Q", title=_("Outcomes"))],
    )  # fmt: skip
    chart = alt.layer(diagonal, dots).properties(width="container", height=260)
    return charts.spec(chart, _("How often the forecast ranges held the outcome, by market and "
                                "KPI, against how often they should."))  # fmt: skip
