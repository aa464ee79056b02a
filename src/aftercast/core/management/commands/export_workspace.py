from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aftercast.core.models import Workspace
from aftercast.core.transfer import TransferError, export_workspace


class Command(BaseCommand):
    help = (
        "Write everything one workspace holds (records as JSON, uploaded and exported files) to "
        "one .tar.gz: `aftercast export_workspace SLUG PATH`. Another Aftercast imports it with "
        "`aftercast import_workspace PATH --owner USERNAME`."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the workspace's address, e.g. northwind")
        parser.add_argument("path", help="the archive to write, e.g. northwind.tar.gz")

    def handle(self, *args, slug: str, path: str, **options):
        workspace = Workspace.objects.filter(slug=slug).first()
        if workspace is None:
            raise CommandError(f"No workspace has the address “{slug}”.")
        try:
            made = export_workspace(workspace, Path(path))
        except (TransferError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Exported {made['records']} record(s) and {made['files']} file(s) of "
            f"“{workspace.name}” to {path}."
        )
        for name in made["missing"]:
            self.stderr.write(f"Not found on disk, left out: {name}")
