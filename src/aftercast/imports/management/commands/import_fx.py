from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from aftercast.core.models import Workspace
from aftercast.imports.errors import ImportProblem
from aftercast.imports.fx import import_fx_rates


class Command(BaseCommand):
    help = "Import dated exchange rates (date and rate columns), e.g. a central bank export."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--workspace", required=True, help="workspace slug")
        parser.add_argument("--base", required=True, help="currency bought, e.g. USD")
        parser.add_argument("--quote", required=True, help="currency paid, e.g. RUB")

    def handle(self, *args, path, workspace, base, quote, **options):
        team = Workspace.objects.filter(slug=workspace).first()
        if team is None:
            raise CommandError(_("There is no workspace “{slug}”.").format(slug=workspace))
        try:
            report = import_fx_rates(
                workspace=team, path=Path(path), base=base.upper(), quote=quote.upper()
            )
        except (ImportProblem, FileNotFoundError) as problem:
            message = problem.message if isinstance(problem, ImportProblem) else str(problem)
            raise CommandError(message) from None
        self.stdout.write(
            _(
                "Rates: created {created}, updated {updated}, unchanged {unchanged}, "
                "rejected {rejected}."
            ).format(
                created=report.created,
                updated=report.updated,
                unchanged=report.unchanged,
                rejected=len(report.rejected),
            )
        )
        for row, message in report.rejected:
            self.stdout.write(_("Row {row}: {message}").format(row=row, message=message))
