from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aftercast.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded and exported files into one .tar.gz: "
        "`aftercast backup PATH`. Online on SQLite (people may keep working); pg_dump on "
        "PostgreSQL. Restore with `aftercast restore PATH`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to write, e.g. aftercast-2026-11-27.tar.gz")

    def handle(self, *args, path: str, **options):
        try:
            made = backup(Path(path))
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up the {made['vendor']} database and {made['files']} file(s) to {path}."
        )
