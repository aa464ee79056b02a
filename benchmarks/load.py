"""Twenty people using the app while a 1,000,000-row import runs, on a real server.

`aftercast serve` runs on the benchmark's database; 20 client threads log in and loop over
reads (dashboard, campaign list, the API) and writes (switching language, creating an API
token). The same load runs first with no import (the baseline), then while `aftercast import`
loads a million rows. Goal: no 5xx, and writes at p95 under 1 s during the import.
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from benchmarks.import_csv import ROWS, make_campaign, write_csv

CLIENTS = 20
BASELINE_SECONDS = 20
PASSWORD = "bench-Pass-123"
READY_WITHIN = 120
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _people(campaign) -> list[str]:
    from tests import factories

    from aftercast.api.services import api_token_create
    from aftercast.core.models import Membership, Role

    names = []
    for n in range(CLIENTS):
        user = factories.user(f"load-{n}", PASSWORD)
        Membership.objects.create(user=user, workspace=campaign.workspace, role=Role.EDITOR)
        names.append(api_token_create(user=user, workspace=campaign.workspace, name="load")[1])
    return names


class Client:
    """One person: a session of their own, timing every request."""

    def __init__(self, base: str, number: int, token: str, workspace_id: int, log, stop):
        self.base, self.number, self.token, self.log, self.stop = base, number, token, log, stop
        self.workspace_id = workspace_id
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def request(self, kind: str, path: str, data: dict | None = None, headers=None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        began = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, ""
        except OSError:
            status, text = 599, ""
        self.log.append((kind, status, time.perf_counter() - began))
        return text

    def csrf(self, path: str) -> str:
        found = CSRF.search(self.request("read", path))
        return found[1] if found else ""

    def run(self) -> None:
        token = self.csrf("/login/")
        self.request(
            "write",
            "/login/",
            {"username": f"load-{self.number}", "password": PASSWORD, "csrfmiddlewaretoken": token},
            {"Referer": self.base + "/login/"},
        )
        api = {"Authorization": f"Bearer {self.token}"}
        turn = 0
        while not self.stop.is_set():
            turn += 1
            self.request("read", "/")
            self.request("read", "/campaigns/")
            self.request("read", "/api/v1/campaigns", headers=api)
            token = self.csrf("/settings/tokens/")
            language = "ru" if turn % 2 else "en"
            self.request(
                "write", "/language/", {"language": language, "csrfmiddlewaretoken": token}
            )
            if turn % 3 == 0:
                self.request(
                    "write",
                    "/settings/tokens/",
                    {
                        "name": f"t{turn}",
                        "workspace": self.workspace_id,
                        "csrfmiddlewaretoken": token,
                    },
                    {"Referer": self.base + "/settings/tokens/"},
                )


def _load(base: str, tokens: list[str], workspace_id: int, until) -> list:
    log: list = []
    stop = threading.Event()
    clients = [Client(base, n, tokens[n], workspace_id, log, stop) for n in range(CLIENTS)]
    threads = [threading.Thread(target=c.run) for c in clients]
    for thread in threads:
        thread.start()
    until()
    stop.set()
    for thread in threads:
        thread.join()
    return log


def _summary(log: list) -> str:
    writes = sorted(seconds for kind, _status, seconds in log if kind == "write")
    errors = sum(1 for _kind, status, _seconds in log if status >= 500)
    p95 = writes[int(len(writes) * 0.95) - 1] if writes else float("nan")
    median = statistics.median(s for _k, _st, s in log) if log else float("nan")
    return f"{len(log):,} requests, {errors} 5xx, writes p95 {p95:.3f} s, median {median:.3f} s"


def _wait_until_ready(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server did not start; its log:\n{log_path.read_text()[-3000:]}")


def run() -> str:
    from django.db import connection

    campaign, _link = make_campaign("Load bench")
    tokens = _people(campaign)
    folder = Path(tempfile.mkdtemp(prefix="aftercast-load-bench-"))
    big = folder / "big.csv"
    write_csv(big, ROWS)
    connection.close()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    log_path = folder / "server.log"
    with open(log_path, "wb") as server_log:
        server = subprocess.Popen(
            [sys.executable, "-m", "aftercast", "serve", "--bind", f"127.0.0.1:{port}"],
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_ready(f"{base}/login/", server, log_path)
            workspace_id = campaign.workspace_id
            quiet = _load(base, tokens, workspace_id, lambda: time.sleep(BASELINE_SECONDS))
            command = [sys.executable, "-m", "aftercast", "import", str(big)]
            importer = subprocess.Popen(
                [*command, "--campaign", campaign.slug, "--workspace", campaign.workspace.slug],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            began = time.perf_counter()
            busy = _load(base, tokens, workspace_id, importer.wait)
            import_seconds = time.perf_counter() - began
            assert importer.returncode == 0, importer.stderr.read() if importer.stderr else ""
        finally:
            server.terminate()
            server.wait(timeout=60)
    return (
        f"[{connection.vendor}] {CLIENTS} users: without an import {_summary(quiet)}; during a "
        f"{ROWS:,}-row import ({import_seconds:.0f} s) {_summary(busy)} "
        "(goal: 0 5xx, writes p95 < 1 s)"
    )
