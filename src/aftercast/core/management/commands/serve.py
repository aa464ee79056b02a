import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Serve Aftercast with gunicorn; static files are served by WhiteNoise."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background worker (run `aftercast db_worker` yourself)",
        )

    def handle(self, *args, bind: str, workers: int, threads: int, no_worker: bool, **options):
        from gunicorn.app.base import BaseApplication

        if ":" not in bind:
            raise CommandError(_("--bind must look like HOST:PORT, e.g. 127.0.0.1:8000."))
        call_command("collectstatic", interactive=False, verbosity=0)
        # Imported after collectstatic: WhiteNoise indexes the static files when it starts.
        from aftercast.config.wsgi import application

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", bind)
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("accesslog", "-")

            def load(self):
                return application

        self.stdout.write(_("Aftercast is listening on http://{bind}/").format(bind=bind))
        # Imports and exports run in the background worker; one comes with the server.
        worker = (
            None
            if no_worker
            else subprocess.Popen([sys.executable, "-m", "aftercast", "db_worker"])
        )
        try:
            Server().run()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
