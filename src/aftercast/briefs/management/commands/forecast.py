import json

from django.core.management.base import BaseCommand

from aftercast.briefs.forecasts import workspace_history
from aftercast.forecast.backtest import CHECKED, backtest
from aftercast.imports.cli import workspace_of


class Command(BaseCommand):
    help = (
        "How good the KPI forecasts were: `forecast backtest [--workspace SLUG] [--json]` "
        "forecasts every finished partnership from what had started before it and prints the "
        "coverage of the 80% and 95% intervals, their width and the median absolute "
        "percentage error, beside the same figures of two baselines (the benchmark and the "
        "creator's last value). docs/forecast.md says how the forecast is made."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("backtest", help="forecast the past and compare")
        run.add_argument("--workspace", default="", help="the workspace's slug")
        run.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, action, workspace, **options):
        chosen = workspace_of(workspace)
        figures = backtest(workspace_history(chosen.pk, with_fees=True))
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
            return
        self.stdout.write(f"Backtest of {chosen.name}: coverage of the 80% and 95% intervals, "
                          "median 80% width and median absolute percentage error.")  # fmt: skip
        head = f"{'KPI':<16}{'n':>6}{'cov80':>8}{'cov95':>8}{'width80':>9}{'MdAPE':>8}"
        self.stdout.write(head + f"{'bench MdAPE':>13}{'bench cov80':>13}{'last MdAPE':>12}")
        rows = [("overall", figures["overall"], figures["baselines"]["benchmark"]["overall"],
                 figures["baselines"]["last_value"]["overall"])]  # fmt: skip
        rows += [(kpi, figures["kpis"][kpi], figures["baselines"]["benchmark"]["kpis"][kpi],
                  figures["baselines"]["last_value"]["kpis"][kpi]) for kpi in CHECKED]  # fmt: skip
        for name, model, bench, last in rows:
            self.stdout.write(
                f"{name:<16}{model['n']:>6}{_cell(model['coverage_80']):>8}"
                f"{_cell(model['coverage_95']):>8}{_cell(model['width_80']):>9}"
                f"{_cell(model['mdape']):>8}{_cell(bench['mdape']):>13}"
                f"{_cell(bench['coverage_80']):>13}{_cell(last['mdape']):>12}"
            )


def _cell(value) -> str:
    return "—" if value is None else f"{value:.3f}"
