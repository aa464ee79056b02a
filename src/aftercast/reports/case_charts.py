"""A case study's charts, each under the section it illustrates: the budget by market, the
creators' engagement, the spend over time, each market against its target and benchmark, the
cost per outcome in the reader's currency, and the debrief's forest plots. In the reader's
language and the PDF's font; a chart without data is left out, never drawn empty."""

from collections import defaultdict

import altair as alt
from django.db.models import Sum
from django.utils.translation import gettext as _

from aftercast.core import charts, formatting
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import get_metric
from aftercast.reports.document import Chart
from aftercast.reports.figures import Figures

COST_PER_OUTCOME = ("cpe", "cpa")  # RU teams count engagements, US teams acquisitions
MAX_CREATORS = 20  # the rest make a bar chart unreadable; the table lists them all


def _money(value: float, currency: str) -> str:
    return formatting.money(value, currency)


def budget(figures: Figures) -> Chart | None:
    if len(figures.markets) < 2:  # one bar says nothing the table does not
        return None
    rows = []
    for item in figures.markets:
        if item.rate is None or not item.piece.budget:
            continue
        amount = float(item.piece.budget) * item.rate
        rows.append({"market": item.piece.market.name, "amount": amount,
                     "shown": _money(amount, figures.currency)})  # fmt: skip
    if not rows:
        return None
    title = _("Budget by market, %(currency)s") % {"currency": figures.currency}
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color="#1f4e79")
        .encode(
            y=alt.Y("market:N", title=None, sort="-x"),
            x=alt.X("amount:Q", title=figures.currency, axis=alt.Axis(format="~s")),
            tooltip=[
                alt.Tooltip("market:N", title=_("Market")),
                alt.Tooltip("shown:N", title=_("Budget")),
            ],  # fmt: skip
        )
        .properties(width="container", height=40 * len(rows) + 20, title=title)
    )
    words = "; ".join(f"{row['market']} {row['shown']}" for row in rows)
    return Chart(title, charts.spec(chart, words), words)


def engagement(figures: Figures) -> Chart | None:
    rows: list[dict] = []
    for item in figures.markets:
        for link in item.links:
            value = item.er.get(link.pk)
            if value is not None:
                tier = link.account.tier
                rows.append({"creator": f"{link.account.creator.name} · {item.piece.market.code}",
                             "er": value, "market": item.piece.market.name,
                             "tier": str(tier.label) if tier else "—",
                             "shown": formatting.percent(value)})  # fmt: skip
    if not rows:
        return None
    rows = sorted(rows, key=lambda row: -float(row["er"]))[:MAX_CREATORS]
    title = _("Engagement rate by creator")
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("creator:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
            x=alt.X("er:Q", title=str(get_metric("er_reach").short), axis=alt.Axis(format=".1%")),
            color=alt.Color("market:N", title=_("Market")),
            tooltip=[
                alt.Tooltip("creator:N", title=_("Creator")),
                alt.Tooltip("tier:N", title=_("Tier")),
                alt.Tooltip("shown:N", title=str(get_metric("er_reach").short)),
            ],  # fmt: skip
        )
        .properties(width="container", height=22 * len(rows) + 40, title=title)
    )
    words = "; ".join(f"{row['creator']} {row['shown']}" for row in rows)
    return Chart(title, charts.spec(chart, words), words)


def spend_pace(figures: Figures) -> Chart | None:
    """Each market's spend, day by day, as a share of its budget: how fast the money went."""
    rows: list[dict] = []
    for item in figures.markets:
        if not item.piece.budget:
            continue
        daily = (
            Observation.objects.filter(partnership__in=item.links, metric="spend")
            .values("observed_on")
            .annotate(total=Sum("value"))
            .order_by("observed_on")
        )
        spent = 0.0
        for day in daily:
            spent += float(day["total"])
            rows.append({"day": day["observed_on"].isoformat(), "market": item.piece.market.name,
                         "share": spent / float(item.piece.budget)})  # fmt: skip
    if not rows:
        return None
    title = _("Budget spent over time")
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("share:Q", title=_("Share of the budget"), axis=alt.Axis(format=".0%")),
            color=alt.Color("market:N", title=_("Market")),
            tooltip=[
                alt.Tooltip("market:N", title=_("Market")),
                alt.Tooltip("day:T", title=_("Date")),
                alt.Tooltip("share:Q", title=_("Spent"), format=".0%"),
            ],  # fmt: skip
        )
        .properties(width="container", height=220, title=title)
    )
    last: dict[str, float] = {}
    for row in rows:
        last[row["market"]] = row["share"]
    words = "; ".join(f"{market} {formatting.percent(share, digits=0)}"
                      for market, share in last.items())  # fmt: skip
    return Chart(title, charts.spec(chart, words), words)


def against_target(figures: Figures) -> Chart | None:
    """Each market's primary metric as a share of its target, its benchmark's median beside it."""
    rows = []
    for item in figures.markets:
        if item.kpi is None or not item.kpi.target:
            continue
        metric, target = item.kpi.metric, float(item.kpi.target)
        actual = item.values.get(metric)
        lower = "" if get_metric(metric).higher_is_better else " ↓"
        name = f"{item.piece.market.name}: {get_metric(metric).short}{lower}"
        currency = item.piece.currency
        if actual is not None:
            rows.append({"label": name, "what": _("Result"), "share": actual / target,
                         "shown": metric_value(metric, actual, currency)})  # fmt: skip
        if metric in item.benchmarks:
            median = item.benchmarks[metric].median
            rows.append({"label": name, "what": _("Benchmark median"), "share": median / target,
                         "shown": metric_value(metric, median, currency)})  # fmt: skip
        if item.past is not None:
            rows.append({"label": name, "what": _("Earlier campaigns"),
                         "share": item.past / target,
                         "shown": metric_value(metric, item.past, currency)})  # fmt: skip
    if not any(row["what"] == _("Result") for row in rows):
        return None
    present = {row["what"] for row in rows}
    title = _("Each market against its target (100 % = the target; ↓ lower is better)")
    kinds = [
        kind
        for kind in (_("Result"), _("Benchmark median"), _("Earlier campaigns"))
        if kind in present
    ]  # a legend only of what is drawn
    colours = {_("Result"): "#1f4e79", _("Benchmark median"): "#9aa1ab",
               _("Earlier campaigns"): "#e0a100"}  # fmt: skip
    bars = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("label:N", title=None, axis=alt.Axis(labelLimit=220)),
        yOffset=alt.YOffset("what:N", sort=kinds),
        x=alt.X("share:Q", title=_("Share of the target"), axis=alt.Axis(format=".0%")),
        color=alt.Color("what:N", title=None, sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[colours[kind] for kind in kinds])),
        tooltip=[alt.Tooltip("label:N", title=_("Market")), alt.Tooltip("what:N", title=" "),
                 alt.Tooltip("shown:N", title=_("Value"))],
    )  # fmt: skip
    target = alt.Chart(alt.Data(values=[{"one": 1}])).mark_rule(
        color="#2e8b57", strokeDash=[4, 3]).encode(x="one:Q")  # fmt: skip
    markets = len({row["label"] for row in rows})
    chart = alt.layer(bars, target).properties(
        width="container", height=60 * markets + 40, title=title
    )
    words = "; ".join(f"{row['label']} · {row['what']} {row['shown']}" for row in rows)
    return Chart(title, charts.spec(chart, words), words)


def cost_per_outcome(figures: Figures, metric: str) -> Chart | None:
    """One cost per outcome (CPE or CPA) of every market, in the reader's currency: one chart
    each, as an engagement costs kopecks and an acquisition hundreds of roubles."""
    if len(figures.markets) < 2:
        return None
    rows = [{"market": item.piece.market.name, "value": item.in_reader[metric],
             "shown": _money(item.in_reader[metric], figures.currency)}
            for item in figures.markets if item.in_reader.get(metric) is not None]  # fmt: skip
    if not rows:
        return None
    title = _("%(metric)s by market, %(currency)s (lower is better)") % {
        "metric": get_metric(metric).name, "currency": figures.currency}  # fmt: skip
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color="#1f4e79")
        .encode(
            y=alt.Y("market:N", title=None),
            x=alt.X("value:Q", title=figures.currency),
            tooltip=[
                alt.Tooltip("market:N", title=_("Market")),
                alt.Tooltip("shown:N", title=str(get_metric(metric).short)),
            ],  # fmt: skip
        )
        .properties(width="container", height=40 * len(rows) + 20, title=title)
    )
    words = "; ".join(f"{row['market']} {row['shown']}" for row in rows)
    return Chart(title, charts.spec(chart, words), words)


def forests(campaign) -> list[Chart]:
    from aftercast.debriefs.charts import debrief_forests

    debrief = getattr(campaign, "debrief", None)
    if debrief is None:
        return []
    findings = debrief.findings.select_related("variant", "market", "arm_a", "arm_b")
    return [Chart(title, spec, spec.get("description", ""))
            for title, spec in debrief_forests(findings)]  # fmt: skip


def case_charts(campaign, figures: Figures) -> dict[str, list[Chart]]:
    """The charts of each section, by the section's key."""
    drawn: dict[str, list[Chart]] = defaultdict(list)
    for key, chart in (
        ("setup", budget(figures)), ("mechanics", engagement(figures)),
        ("execution", spend_pace(figures)), ("outcomes", against_target(figures)),
        *(("outcomes", cost_per_outcome(figures, metric)) for metric in COST_PER_OUTCOME),
    ):  # fmt: skip
        if chart is not None:
            drawn[key].append(chart)
    drawn["comparison"] += forests(campaign)
    return dict(drawn)
