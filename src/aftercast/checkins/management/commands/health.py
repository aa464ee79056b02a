import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.checkins.health import market_health
from aftercast.checkins.selectors import health_data
from aftercast.imports.cli import campaign_of, language_of


class Command(BaseCommand):
    help = (
        "A campaign's health mid-flight, market by market: each flag with its reason and "
        "actions, each KPI's pace, and with --creators each creator's row. --json for scripts."
    )

    def add_arguments(self, parser):
        parser.add_argument("campaign", help="the campaign's slug")
        parser.add_argument("--workspace", required=True, help="the workspace's slug")
        parser.add_argument("--market", default="", help="one market's code, e.g. RU")
        parser.add_argument("--creators", action="store_true", help="each creator's signals too")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--language", default="", help="ru or en")

    def handle(self, *args, campaign, workspace, **options):
        with translation.override(language_of(options["language"])):
            chosen = campaign_of(workspace, campaign)
            pieces = chosen.markets.filter(deleted_at__isnull=True).select_related("market")
            if options["market"]:
                pieces = pieces.filter(market__code=options["market"].upper())
                if not pieces.exists():
                    raise CommandError(
                        _("The campaign does not run in “%(code)s”.") % {"code": options["market"]}
                    )
            reports = [health_data(market_health(p, creators=options["creators"])) for p in pieces]
            if options["json"]:
                self.stdout.write(json.dumps(reports, ensure_ascii=False, default=str, indent=2))
                return
            for report in reports:
                self._print(report)

    def _print(self, report: dict) -> None:
        self.stdout.write(f"== {report['campaign']} · {report['market']} · {report['as_of']}")
        for flag in report["flags"]:
            self.stdout.write(f"[{flag['severity']:>7}] {flag['reason']}")
            for action in flag["actions"]:
                self.stdout.write(f"          → {action}")
        for row in report["creators"]:
            cells = " ".join(
                f"{signal}:{cell['severity']}" for signal, cell in row["signals"].items()
            )
            self.stdout.write(f"  {row['creator']} ({row['account']}): {cells}")
