from django.core.management import call_command
from django.core.management.base import BaseCommand

from aftercast.imports.services import imports_recover, purge_unconfirmed
from aftercast.imports.workers import start_heartbeat


class Command(BaseCommand):
    help = (
        "Run background tasks (imports uploaded in the web UI) from the database queue, "
        "first ending the imports a dead process left running. `aftercast serve` starts one."
    )

    def handle(self, *args, **options):
        for run in imports_recover():
            self.stderr.write(f"import {run.pk} ({run.file_name}) was interrupted: rolled back")
        purge_unconfirmed()
        start_heartbeat()
        call_command("db_worker", verbosity=options["verbosity"])
