"""Growing past one machine: two `aftercast serve` processes, each with its own AFTERCAST_HOME,
and two workers, on one PostgreSQL database and one shared directory (AFTERCAST_SHARED), serve
the same people: a login on one server holds on the other, a file uploaded through one is
confirmed through the other, the workers share the queue and each import runs exactly once,
and either server sees that a worker is alive. Runs in the suite's PostgreSQL phase, on a
database of its own."""

import html.parser
import os
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.browser.test_real_server import free_port, wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "aftercast_servers_test"
FILES = 6
DAYS = 20  # rows per file, each file on days of its own
WAIT = 300  # seconds: generous for a busy two-core machine; the loops end as soon as they can
SETUP = """
from aftercast.core.models import Role
from tests import factories
alice = factories.user("alice")
alice.set_password("two-servers-1")
alice.save()
ws = factories.workspace("Acme", {alice: Role.OWNER})
campaign = factories.campaign(ws, markets=("US",))
campaign.slug = "spring"
campaign.save()
link = factories.partnership(campaign.markets.get(), factories.creator(ws, "Amy", code="US"))
link.account.handle = "amy"
link.account.save()
"""


class _Form(html.parser.HTMLParser):
    """The fields of the page's form that holds `marker` (a button or field name), with the
    values the page gives them, as a browser would post them."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker, self.forms, self.select = marker, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif self.forms and tag in ("input", "button") and attrs.get("name"):
            kind = attrs.get("type", "")
            if kind not in ("checkbox", "radio", "file") or "checked" in attrs:
                self.forms[-1][attrs["name"]] = attrs.get("value", "")
        elif self.forms and tag == "select":
            self.select = attrs.get("name")
        elif (
            self.select
            and tag == "option"
            and ("selected" in attrs or self.select not in self.forms[-1])
        ):
            self.forms[-1][self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None

    def fields(self, page: str) -> dict:
        self.feed(page)
        return next(form for form in self.forms if self.marker in form)


def _csrf(session, url: str) -> str:
    session.get(url, timeout=60).raise_for_status()
    return session.cookies["csrftoken"]


@contextmanager
def _running(args: list[str], env: dict, log_path: Path):
    log = open(log_path, "wb")  # noqa: SIM115 (open for the process's whole life)
    process = subprocess.Popen([sys.executable, "-m", "aftercast", *args], env=env,
                               stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


@pytest.fixture
def database(db):
    if connection.vendor != "postgresql":
        pytest.skip("the suite runs on SQLite: its PostgreSQL phase runs this")
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        server.execute(f"CREATE DATABASE {DATABASE}")
    yield urlunsplit(url._replace(path=f"/{DATABASE}"))
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def test_two_servers_and_two_workers_serve_the_same_people(database, tmp_path):
    import psycopg
    import requests

    shared = tmp_path / "shared"
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "AFTERCAST_HOME")}
    base.update(DATABASE_URL=database, AFTERCAST_SHARED=str(shared), PYTHONPATH=str(ROOT),
                PYTHONUNBUFFERED="1")  # fmt: skip
    homes = {name: tmp_path / name for name in ("a", "b", "c")}
    env = {name: {**base, "AFTERCAST_HOME": str(home)} for name, home in homes.items()}
    for args in (["migrate", "--noinput", "-v0"], ["shell", "-c", SETUP]):
        made = subprocess.run([sys.executable, "-m", "aftercast", *args], env=env["a"],
                              capture_output=True, text=True, timeout=600)  # fmt: skip
        assert made.returncode == 0, made.stdout + made.stderr
    ports = {"a": free_port(), "b": free_port()}
    url = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    with ExitStack() as running:
        # Server A with its own worker; server B without one; a second worker on home C.
        servers = {
            "a": running.enter_context(_running(
                ["serve", "--bind", f"127.0.0.1:{ports['a']}", "--workers", "1"],
                env["a"], tmp_path / "a.log")),
            "b": running.enter_context(_running(
                ["serve", "--bind", f"127.0.0.1:{ports['b']}", "--workers", "1", "--no-worker"],
                env["b"], tmp_path / "b.log")),
        }  # fmt: skip
        running.enter_context(_running(["worker"], env["c"], tmp_path / "c.log"))
        for name, process in servers.items():
            wait_until_ready(f"{url[name]}/login/", process, tmp_path / f"{name}.log")

        # Logged in on A, the same browser is logged in on B.
        browser = requests.Session()
        token = _csrf(browser, f"{url['a']}/login/")
        credentials = {"username": "alice", "password": "two-servers-1"}
        login = browser.post(f"{url['a']}/login/", timeout=60,
                             data={**credentials, "csrfmiddlewaretoken": token})  # fmt: skip
        assert login.ok and not login.url.endswith("/login/"), login.text[-2000:]
        on_b = browser.get(f"{url['b']}/imports/campaign/spring/", timeout=60)
        assert on_b.ok and "/login/" not in on_b.url

        # Files uploaded on one server and confirmed on the other, all at once.
        for number in range(FILES):
            upload_on, confirm_on = (url["a"], url["b"]) if number % 2 else (url["b"], url["a"])
            page = f"{upload_on}/imports/campaign/spring/"
            rows = "".join(f"amy,2026-{number + 1:02d}-{day + 1:02d},{100 + day},{day}\n"
                           for day in range(DAYS))  # fmt: skip
            sent = browser.post(
                page, timeout=60, headers={"Referer": page},
                data={"csrfmiddlewaretoken": _csrf(browser, page), "market": ""},
                files={"file": (f"amy-{number}.csv", "handle,date,reach,likes\n" + rows)},
            )  # fmt: skip
            assert "/imports/" in sent.url and sent.url != page, sent.text[-2000:]
            preview = confirm_on + urlsplit(sent.url).path
            fields = _Form("confirm").fields(browser.get(preview, timeout=60).text)
            fields.update(confirm="1", csrfmiddlewaretoken=browser.cookies["csrftoken"])
            confirmed = browser.post(preview, data=fields, timeout=60,
                                     headers={"Referer": preview})  # fmt: skip
            assert "/status/" in confirmed.url, confirmed.text[-2000:]

        with psycopg.connect(database, autocommit=True) as db:
            deadline = time.monotonic() + WAIT
            while time.monotonic() < deadline:
                statuses = [row[0] for row in db.execute("SELECT status FROM imports_importrun")]
                if len(statuses) == FILES and all(s in ("done", "failed") for s in statuses):
                    break
                time.sleep(0.5)
            runs = db.execute("SELECT status, created_count, process FROM imports_importrun "
                              "ORDER BY id").fetchall()  # fmt: skip
            values = db.execute("SELECT count(*) FROM metrics_observation").fetchone()[0]
        logs = "\n".join((tmp_path / f"{n}.log").read_text(errors="replace")[-3000:] for n in "abc")
        assert [run[0] for run in runs] == ["done"] * FILES, (runs, logs)
        # Each import ran exactly once: every row's two numbers, stored once.
        assert [run[1] for run in runs] == [DAYS * 2] * FILES, (runs, logs)
        assert values == FILES * DAYS * 2

        # Server B has no worker of its own, yet sees the others' heartbeat.
        seen = subprocess.run(
            [sys.executable, "-m", "aftercast", "shell", "-c",
             "from aftercast.imports.workers import worker_seen_recently as s; print(s())"],
            env=env["b"], capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert seen.stdout.strip().endswith("True"), seen.stdout + seen.stderr
