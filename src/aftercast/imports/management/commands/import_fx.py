from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from aftercast.core.models import Workspace
from aftercast.imports.cli import add_common_arguments, language_of, refuse, run_and_print
from aftercast.imports.models import ImportKind
from aftercast.imports.services import currency_pair, import_file


class Command(BaseCommand):
    help = "Import dated exchange rates (date and rate columns), e.g. a central bank export."

    def add_arguments(self, parser):
        add_common_arguments(parser)
        parser.add_argument("--workspace", required=True, help="workspace slug")
        parser.add_argument("--base", required=True, help="currency bought, e.g. USD")
        parser.add_argument("--quote", required=True, help="currency paid, e.g. RUB")

    def handle(self, *args, path, workspace, base, quote, **options):
        with translation.override(language_of(options["language"])):
            team = Workspace.objects.filter(slug=workspace).first()
            if team is None:
                raise refuse(self, "no_workspace", options["json"], slug=workspace)
            run_and_print(
                self,
                lambda reading: import_file(
                    path=Path(path),
                    workspace_id=team.pk,
                    kind=ImportKind.FX_RATES,
                    fx_pair=currency_pair(base, quote),
                    dry_run=options["dry_run"],
                    options=reading,
                ),
                Path(path),
                options,
            )
