import hashlib
import signal
import subprocess
import sys
import threading
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from aftercast.core import charts


class Command(BaseCommand):
    help = "Serve Aftercast with gunicorn; static files are served by WhiteNoise."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background worker (run `aftercast worker` yourself)",
        )

    def handle(self, *args, bind: str, workers: int, threads: int, no_worker: bool, **options):
        from gunicorn.app.base import BaseApplication

        if ":" not in bind:
            raise CommandError(_("--bind must look like HOST:PORT, e.g. 127.0.0.1:8000."))
        collect_static_when_changed()
        charts.script_path()  # the chart library, built once before the first page needs it
        # Imported after collectstatic: WhiteNoise indexes the static files when it starts.
        from aftercast.config.wsgi import application

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", bind)
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("accesslog", "-")
                # gunicorn's longest request line: a long search in Cyrillic (6 bytes a letter
                # once encoded) still reaches the app, which reads it by its first words.
                self.cfg.set("limit_request_line", 8190)

            def load(self):
                return application

        self.stdout.write(_("Aftercast is listening on http://{bind}/").format(bind=bind))
        # Imports and exports run in the background worker; one comes with the server, and is
        # started again whenever it dies (the worker itself ends imports it left half done).
        worker = None if no_worker else WorkerSupervisor()
        try:
            Server().run()
        finally:
            if worker is not None:
                worker.stop()


class WorkerSupervisor:
    """Keep one `aftercast worker` process running beside the server."""

    RESTART_AFTER = 2.0  # seconds: a worker that dies at once is not restarted in a tight loop
    STOPPED = {0, -signal.SIGTERM, -signal.SIGINT}

    def __init__(self, command: list[str] | None = None):
        self.command = command or [sys.executable, "-m", "aftercast", "worker"]
        self.process: subprocess.Popen | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.stopping.is_set():
            self.process = subprocess.Popen(self.command)
            code = self.process.wait()
            # A worker told to stop (Ctrl-C or a stop signal reaching the whole group) ends
            # with 0 or by that signal: the server is going down too, so it is not restarted.
            if code in self.STOPPED or self.stopping.wait(self.RESTART_AFTER):
                return
            sys.stderr.write(f"aftercast: the background worker exited ({code}); restarting it\n")

    def stop(self) -> None:
        self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def collect_static_when_changed() -> None:
    """Collect static files only when the installed ones changed: compressing them all takes
    about a minute on a busy machine, and the server should listen within seconds."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    stamp = Path(settings.STATIC_ROOT) / ".collected"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest.hexdigest())
