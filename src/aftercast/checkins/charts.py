"""The charts of a market's health, as Vega-Lite specs: each KPI's pace (so far, the projected
range, target and minimum), the traffic-light grid of creators x signals, and the course of
audience sentiment. Labels are in the reader's language; every number a tooltip shows is
formatted here, the axes by the reader's locale in the browser."""

import datetime as dt
import json
import math

import altair as alt
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aftercast.checkins import audience
from aftercast.checkins.flags import SEVERITY_ORDER, SIGNAL_NAMES, SIGNALS
from aftercast.checkins.health import MarketHealth
from aftercast.checkins.pace import LEVEL
from aftercast.checkins.performance import KpiPace, pace_words
from aftercast.core import charts, formatting
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import Unit, get_metric

WIDTH = "container"
DAY_MS = 86_400_000  # axes never tick twice a day: dates would repeat
GRID_ROWS = 40  # the creators that need attention most; the rest are in the table
AXIS_FORMATS = {Unit.RATIO: ".1%", Unit.MONEY: ",.0f", Unit.MULTIPLE: ".2f", Unit.COUNT: ",.0f"}


def severity_words() -> dict[str, str]:
    return {
        "act": pgettext("health", "act"),
        "watch": pgettext("health", "watch"),
        "missing": pgettext("health", "no data"),
        "ok": pgettext("health", "ok"),
    }


def _day(day: dt.date) -> str:
    return day.isoformat()


def pace_chart(item: KpiPace, health: MarketHealth) -> dict:
    """A KPI so far, day by day, and where it is heading: the likely range as a band widening
    to the end date, the expected value as a dashed line, the target and minimum as rules."""
    campaign = health.piece.campaign
    currency = health.piece.currency
    definition = get_metric(item.metric)
    pace = item.pace

    def words(value: float) -> str:
        return metric_value(item.metric, value, currency)

    so_far_name, expected_name = _("So far"), _("Projected")
    band_name = _("Likely range (%(level)s)") % {"level": formatting.percent(LEVEL, digits=0)}
    target_name, minimum_name = _("Target"), _("Minimum")
    lines = [{"day": _day(d), "value": v, "series": so_far_name, "shown": words(v)}
             for d, v in item.running]  # fmt: skip
    band: list[dict] = []
    last = item.running[-1] if item.running else None
    if last and pace.expected is not None and math.isfinite(pace.expected):
        lines += [
            {"day": _day(last[0]), "value": last[1], "series": expected_name,
             "shown": words(last[1])},
            {"day": _day(campaign.ends_on), "value": pace.expected, "series": expected_name,
             "shown": words(pace.expected)},
        ]  # fmt: skip
        if all(v is not None and math.isfinite(v) for v in (pace.low, pace.high)):
            assert pace.low is not None and pace.high is not None
            band = [
                {"day": _day(last[0]), "low": last[1], "high": last[1], "series": band_name,
                 "shown": words(last[1])},
                {"day": _day(campaign.ends_on), "low": pace.low, "high": pace.high,
                 "series": band_name, "shown": f"{words(pace.low)} – {words(pace.high)}"},
            ]  # fmt: skip
    rules = [{"value": item.target, "series": target_name, "shown": words(item.target)}]
    if item.minimum is not None:
        rules.append({"value": item.minimum, "series": minimum_name, "shown": words(item.minimum)})
    names = [so_far_name, expected_name, band_name, target_name, minimum_name]
    # Colour and dash by the same field and title make one legend whose symbols are drawn
    # as the lines are: solid so far, dashed projection, dotted target and minimum.
    legend = alt.Legend(symbolType="stroke", symbolStrokeWidth=3, columns=3)
    colour = alt.Color(
        "series:N",
        title=None,
        legend=legend,
        scale=alt.Scale(
            domain=names, range=["#1f4e79", "#1f4e79", "#9dc3e6", "#2e8b57", "#c0392b"]
        ),
    )
    dash = alt.StrokeDash("series:N", title=None, legend=legend, scale=alt.Scale(
        domain=names, range=[[1, 0], [5, 4], [1, 0], [2, 2], [2, 2]]))  # fmt: skip
    title = str(definition.name)
    if definition.unit is Unit.MONEY:
        title = f"{title}, {currency}"
    x = alt.X("day:T", timeUnit="utcyearmonthdate", title=None,
              scale=alt.Scale(domain=[_day(campaign.starts_on), _day(campaign.ends_on)]),
              axis=alt.Axis(format="%d %b", labelAngle=0, tickMinStep=DAY_MS))  # fmt: skip
    y_axis = alt.Axis(format=AXIS_FORMATS[definition.unit], title=title)
    date_tip = alt.Tooltip("day:T", timeUnit="utcyearmonthdate", title=_("Date"), format="%d %B")
    layers = []
    if band:
        layers.append(
            alt.Chart(alt.Data(values=band)).mark_area(opacity=0.45).encode(
                x=x, y=alt.Y("low:Q", axis=y_axis), y2="high:Q", color=colour,
                tooltip=[alt.Tooltip("shown:N", title=_("By the end: %(range)s") % {
                    "range": band_name})],
            )
        )  # fmt: skip
    layers.append(
        alt.Chart(alt.Data(values=lines)).mark_line(strokeWidth=2.5).encode(
            x=x, y=alt.Y("value:Q", axis=y_axis), color=colour, strokeDash=dash,
            tooltip=[date_tip, alt.Tooltip("series:N", title=_("Series")),
                     alt.Tooltip("shown:N", title=str(definition.short))],
        )
    )  # fmt: skip
    layers.append(
        alt.Chart(alt.Data(values=rules)).mark_rule(strokeWidth=2).encode(
            y=alt.Y("value:Q", axis=y_axis), color=colour, strokeDash=dash,
            tooltip=[alt.Tooltip("series:N", title=_("Line")),
                     alt.Tooltip("shown:N", title=str(definition.short))],
        )
    )  # fmt: skip
    chart = alt.layer(*layers).properties(width=WIDTH, height=220, title=title)
    return charts.spec(chart, pace_words(item, currency))


def _two_lines(names: list[str]) -> dict[str, list[str]]:
    """Each name split at the word nearest its middle (a Vega label drawn as lines)."""
    split = {}
    for name in names:
        words = name.split()
        if len(words) < 2:
            split[name] = [name]
            continue
        cut = min(
            range(1, len(words)),
            key=lambda at: abs(len(" ".join(words[:at])) - len(" ".join(words[at:]))),
        )
        split[name] = [" ".join(words[:cut]), " ".join(words[cut:])]  # fmt: skip
    return split


def grid_chart(health: MarketHealth) -> dict:
    """Creators x signals, each cell coloured by severity, its reason in the tooltip."""
    severities = severity_words()
    rows = []
    for creator in health.creators[:GRID_ROWS]:
        for signal, severity, flags in creator.cells:
            if severity is None:
                continue
            rows.append({
                "creator": f"{creator.link.account.creator.name} · {creator.link.account}",
                "signal": str(SIGNAL_NAMES[signal]),
                "severity": severities[severity],
                "reason": " ".join(flag.reason for flag in flags),
            })  # fmt: skip
    order = [str(SIGNAL_NAMES[signal]) for signal in SIGNALS]
    creators = list(dict.fromkeys(row["creator"] for row in rows))
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_rect(cornerRadius=3, stroke="white", strokeWidth=2)
        .encode(
            # Each signal's name on two lines, so narrow screens fit them side by side.
            x=alt.X("signal:N", sort=order, title=None, axis=alt.Axis(
                orient="bottom", labelAngle=0, labelPadding=6,
                labelExpr=f"{json.dumps(_two_lines(order), ensure_ascii=False)}[datum.label]")),
            y=alt.Y("creator:N", sort=creators, title=None, axis=alt.Axis(labelLimit=240)),
            color=alt.Color(
                "severity:N", title=None, legend=alt.Legend(columns=2),
                scale=alt.Scale(domain=[severities[s] for s in SEVERITY_ORDER],
                                range=[charts.SEVERITY_COLOURS[s] for s in SEVERITY_ORDER]),
            ),
            tooltip=[alt.Tooltip("creator:N", title=_("Creator")),
                     alt.Tooltip("signal:N", title=_("Signal")),
                     alt.Tooltip("severity:N", title=_("Severity")),
                     alt.Tooltip("reason:N", title=_("Why"))],
        )
        .properties(width=WIDTH, height=max(60, 26 * len(creators)))
    )  # fmt: skip
    described = _("Creators by signal: red to act on, amber to watch, grey without data, green "
                  "fine.")  # fmt: skip
    return charts.spec(chart, str(described))


def sentiment_chart(health: MarketHealth, window: int, watch: float, act: float) -> dict | None:
    """The negative share of each day's scored comments (dots sized by how many) and over the
    last `window` days (the line), with the watch and act thresholds."""
    days = audience.daily_negative_share(health.comments)
    if not days:
        return None
    labels = audience.daily_labels(health.comments)
    points, rolling = [], []
    for day, share, count in days:
        points.append({"day": _day(day), "share": share, "count": count,
                       "shown": formatting.percent(share, digits=0)})  # fmt: skip
        recent = [label for other, found in labels.items()
                  if day - dt.timedelta(days=window) < other <= day for label in found]  # fmt: skip
        rolling_share = audience.negative_share(recent)
        rolling.append({"day": _day(day), "share": rolling_share,
                        "shown": formatting.percent(rolling_share, digits=0)})  # fmt: skip
    names = [severity_words()["watch"], severity_words()["act"]]
    thresholds = [
        {"share": share, "line": name, "shown": formatting.percent(share, digits=0)}
        for name, share in zip(names, (watch, act), strict=True)
    ]
    day_name = _("Each day (the bigger, the more comments)")
    trend_name = _("Last %(days)s days") % {"days": window}
    series = [day_name, trend_name, *names]
    colour = alt.Color("series:N", title=None, legend=alt.Legend(columns=2), scale=alt.Scale(
        domain=series, range=["#95a5a6", "#1f4e79", charts.SEVERITY_COLOURS["watch"],
                              charts.SEVERITY_COLOURS["act"]]))  # fmt: skip
    for row in points:
        row["series"] = day_name
    for row in rolling:
        row["series"] = trend_name
    for row in thresholds:
        row["series"] = row["line"]
    x = alt.X("day:T", timeUnit="utcyearmonthdate", title=None,
              axis=alt.Axis(format="%d %b", labelAngle=0, tickMinStep=DAY_MS))  # fmt: skip
    y = alt.Y("share:Q", title=_("Negative comments"), axis=alt.Axis(format=".0%"),
              scale=alt.Scale(domain=[0, 1]))  # fmt: skip
    date_tip = alt.Tooltip("day:T", timeUnit="utcyearmonthdate", title=_("Date"), format="%d %B")
    dots = alt.Chart(alt.Data(values=points)).mark_circle(opacity=0.6).encode(
        x=x, y=y, color=colour, size=alt.Size("count:Q", title=_("Comments"), legend=None),
        tooltip=[date_tip, alt.Tooltip("shown:N", title=_("Negative that day")),
                 alt.Tooltip("count:Q", title=_("Comments"))],
    )  # fmt: skip
    line = alt.Chart(alt.Data(values=rolling)).mark_line(strokeWidth=2).encode(
        x=x, y=y, color=colour, tooltip=[date_tip, alt.Tooltip("shown:N", title=trend_name)],
    )  # fmt: skip
    lines = alt.Chart(alt.Data(values=thresholds)).mark_rule(strokeDash=[4, 3]).encode(
        y=y, color=colour,
        tooltip=[alt.Tooltip("line:N", title=_("Line")),
                 alt.Tooltip("shown:N", title=_("Threshold"))],
    )  # fmt: skip
    chart = alt.layer(dots, line, lines).properties(
        width=WIDTH, height=200, title=_("Audience sentiment, day by day")
    )
    return charts.spec(chart, str(_("The share of negative comments each day, and over the recent "
                              "days.")))  # fmt: skip


def market_charts(health: MarketHealth) -> dict:
    """Every chart of a market's health page, by name."""
    thresholds, currency = health.thresholds, health.piece.currency
    return {
        "paces": [(item, pace_chart(item, health), pace_words(item, currency))
                  for item in health.paces if item.running],
        "grid": grid_chart(health) if health.creators else None,
        # The table shows the creators that need attention most, as the grid does.
        "creators": health.creators[:GRID_ROWS],
        "hidden": max(0, len(health.creators) - GRID_ROWS),
        "sentiment": sentiment_chart(health, thresholds.trend_days,
                                     thresholds.negative_share_watch,
                                     thresholds.negative_share_act),
    }  # fmt: skip
