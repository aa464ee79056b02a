import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from aftercast.debriefs import services, wording
from aftercast.imports.cli import campaign_of, language_of


class Command(BaseCommand):
    help = (
        "Debriefs from the command line. `debrief start SLUG --workspace W` starts the debrief "
        "of a finished campaign, its verdicts and the tests' statistics filled in from the "
        "numbers."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        start = actions.add_parser("start", help="start a finished campaign's debrief")
        start.add_argument("campaign", help="the campaign's slug")
        start.add_argument("--workspace", required=True, help="the workspace's slug")
        start.add_argument("--json", action="store_true", help="print the result as JSON")
        start.add_argument("--language", default="", help="ru or en")

    def handle(self, *args, action, campaign, workspace, **options):
        with translation.override(language_of(options["language"])):
            chosen = campaign_of(workspace, campaign)
            try:
                debrief = services.start_debrief(chosen)
            except ValidationError as refusal:
                raise CommandError(" ".join(refusal.messages)) from None
            verdicts = [
                (v.campaign_market.market.code, v.metric, v.get_verdict_display())
                for v in debrief.verdicts.select_related("campaign_market__market")
            ]
            headlines = [
                wording.headline(f)
                for f in debrief.findings.select_related("market", "arm_a", "arm_b")
            ]
            if options["json"]:
                self.stdout.write(json.dumps(
                    {"id": debrief.pk, "verdicts": [list(map(str, v)) for v in verdicts],
                     "findings": headlines}, ensure_ascii=False))  # fmt: skip
                return
            self.stdout.write(_("Debrief started for “%(name)s”.") % {"name": chosen.name})
            for code, metric, verdict in verdicts:
                self.stdout.write(f"  {code} · {metric}: {verdict}")
            for line in headlines:
                self.stdout.write(f"  {line}")
