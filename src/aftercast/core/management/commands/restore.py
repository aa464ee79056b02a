from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aftercast.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the files with a backup's: `aftercast restore PATH --yes`. "
        "Stop the app servers and workers first; everything written since the backup is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="an archive written by `aftercast backup`")
        parser.add_argument("--yes", action="store_true", help="yes, replace what is here now")

    def handle(self, *args, path: str, yes: bool, **options):
        if not yes:
            raise CommandError(
                "A restore replaces the database and the files with the backup's: stop the app "
                "servers and workers, then run it again with --yes."
            )
        try:
            made = restore(Path(path))
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the backup taken at {made['taken_at']} from {path}.")
