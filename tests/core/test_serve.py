"""`aftercast serve` keeps its background worker alive and starts without recollecting files."""

import sys
import time

from aftercast.core.management.commands import serve
from aftercast.core.management.commands.serve import WorkerSupervisor


def test_a_worker_that_dies_is_started_again(tmp_path, monkeypatch):
    monkeypatch.setattr(WorkerSupervisor, "RESTART_AFTER", 0.05)
    starts = tmp_path / "starts"
    crash = f"open({str(starts)!r}, 'a').write('x'); raise SystemExit(3)"
    supervisor = WorkerSupervisor(command=[sys.executable, "-c", crash])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(starts.read_text() if starts.exists() else "") < 3:
        time.sleep(0.05)
    supervisor.stop()
    assert len(starts.read_text()) >= 3


def test_static_files_are_collected_only_when_they_changed(settings, tmp_path, monkeypatch):
    settings.STATIC_ROOT = tmp_path
    collected = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: collected.append(args))
    serve.collect_static_when_changed()
    serve.collect_static_when_changed()
    assert collected == [("collectstatic",)]


def test_a_worker_told_to_stop_is_not_started_again(tmp_path, monkeypatch):
    monkeypatch.setattr(WorkerSupervisor, "RESTART_AFTER", 0.05)
    starts = tmp_path / "starts"
    supervisor = WorkerSupervisor(
        command=[sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x')"]
    )
    supervisor.thread.join(timeout=120)
    assert not supervisor.thread.is_alive() and starts.read_text() == "x"
