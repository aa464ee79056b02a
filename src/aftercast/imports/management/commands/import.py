from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from aftercast.campaigns.models import Campaign
from aftercast.imports.cli import add_common_arguments, language_of, refuse, run_and_print
from aftercast.imports.services import import_file, imports_recover


class Command(BaseCommand):
    help = (
        "Import a CSV/TSV/XLSX/XLS file into a campaign: metric values, comments or journeys "
        "(told by the columns). Posts the file names are created on first sight."
    )

    def add_arguments(self, parser):
        add_common_arguments(parser)
        parser.add_argument("--campaign", required=True, help="the campaign's slug")
        parser.add_argument("--workspace", default="", help="workspace slug, when slugs repeat")
        parser.add_argument("--market", default="", help="only this market's creators (RU, US…)")
        parser.add_argument(
            "--creator",
            default="",
            help="whose export this is, for files that never name the account "
            "(YouTube Studio, VK community statistics, Telegram channel stats)",
        )
        parser.add_argument(
            "--kind",
            choices=["auto", "observations", "comments", "journeys"],
            default="auto",
            help="what the file holds (default: told by its columns)",
        )

    def handle(self, *args, path, campaign, workspace, **options):
        with translation.override(language_of(options["language"])):
            target = self._campaign(campaign, workspace, options["json"])
            imports_recover()
            run_and_print(
                self,
                lambda reading: import_file(
                    path=Path(path),
                    campaign=target,
                    kind="" if options["kind"] == "auto" else options["kind"],
                    market=options["market"].upper() or None,
                    creator=options["creator"] or None,
                    dry_run=options["dry_run"],
                    options=reading,
                ),
                Path(path),
                options,
            )

    def _campaign(self, slug: str, workspace: str, as_json: bool) -> Campaign:
        found = Campaign.objects.filter(slug=slug, deleted_at__isnull=True)
        if workspace:
            found = found.filter(workspace__slug=workspace)
        campaigns = list(found[:2])
        if not campaigns:
            raise refuse(self, "no_campaign", as_json, slug=slug)
        if len(campaigns) > 1:
            raise refuse(self, "ambiguous_campaign", as_json, slug=slug)
        return campaigns[0]
