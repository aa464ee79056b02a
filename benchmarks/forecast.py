"""The KPI forecasts' backtest on the demo at --scale 20 (`aftercast forecast backtest`): how
often the 80% and 95% ranges held the outcome, their width and the median absolute percentage
error, beside the same figures of the two baselines computed in the same run (the group's
past values, the creator's last value). Goals: 80% coverage within 0.75–0.85 and 95% within
0.92–0.98 on every KPI with enough outcomes; errors below both baselines'. The scale can be
lowered with AFTERCAST_BENCH_DEMO_SCALE for a quick look."""

import os
import time


def run() -> str:
    from django.core.management import call_command

    from aftercast.briefs.forecasts import workspace_history
    from aftercast.core.models import Workspace
    from aftercast.forecast.backtest import CHECKED, ENOUGH, backtest

    scale = int(os.environ.get("AFTERCAST_BENCH_DEMO_SCALE", "20"))
    started = time.perf_counter()
    call_command("demo", scale=scale, force=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    built = time.perf_counter() - started
    workspace = Workspace.objects.get(slug="northwind")
    started = time.perf_counter()
    figures = backtest(workspace_history(workspace.pk, with_fees=True))
    took = time.perf_counter() - started
    lines = [f"forecast backtest on the demo at scale {scale} (built in {built:.0f} s, "
             f"backtest {took:.1f} s):"]  # fmt: skip
    for kpi in CHECKED:
        model = figures["kpis"][kpi]
        bench = figures["baselines"]["benchmark"]["kpis"][kpi]
        last = figures["baselines"]["last_value"]["kpis"][kpi]
        verdict = ""
        if model["n"] >= ENOUGH and model["coverage_80"] is not None:
            calibrated = (0.75 <= model["coverage_80"] <= 0.85
                          and 0.92 <= (model["coverage_95"] or 0) <= 0.98)  # fmt: skip
            better = all(model["mdape"] < (other["mdape"] or float("inf"))
                         for other in (bench, last))  # fmt: skip
            verdict = (" calibrated" if calibrated else " NOT calibrated") + (
                ", beats both baselines" if better else ", does NOT beat both baselines"
            )
        lines.append(
            f"  {kpi:<16} n={model['n']:<5} cov80={model['coverage_80']} "
            f"cov95={model['coverage_95']} width80={model['width_80']} MdAPE={model['mdape']} "
            f"| benchmark MdAPE={bench['mdape']} cov80={bench['coverage_80']} "
            f"| last value MdAPE={last['mdape']}{verdict}"
        )
    return "\n".join(lines)
