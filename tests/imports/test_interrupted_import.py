"""An import killed mid-way (kill -9) is found at the next start, rolled back and marked failed."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.real_processes

WAIT = 300  # seconds: generous for a busy two-core machine; the loop ends as soon as it can


def aftercast(*args: str, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aftercast", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


SETUP = """
from tests import factories
from aftercast.core.models import Role
ws = factories.workspace("Acme", {factories.user("alice"): Role.OWNER})
campaign = factories.campaign(ws, markets=("US",))
link = factories.partnership(campaign.markets.get(), factories.creator(ws, "Amy", code="US"))
link.account.handle = "amy"
link.account.save()
campaign.slug = "big"
campaign.save()
"""


@pytest.fixture
def home(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(AFTERCAST_HOME=str(tmp_path), PYTHONUNBUFFERED="1")
    repo = Path(__file__).resolve().parents[2]
    assert aftercast("migrate", "--noinput", "-v0", env=env).returncode == 0
    made = aftercast("shell", "-c", SETUP, env=env, cwd=repo)
    assert made.returncode == 0, made.stderr
    return tmp_path, env


def count(database: Path, sql: str) -> int:
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute(sql).fetchone()[0]


def test_a_killed_import_is_rolled_back_at_the_next_start(home):
    folder, env = home
    big = folder / "big.csv"
    with open(big, "w") as out:
        out.write("handle,date,reach,likes\n")
        for day in range(200_000):
            out.write(f"amy,{2000 + day // 366:04d}-{day % 12 + 1:02d}-{day % 28 + 1:02d},10,1\n")
    database = folder / "aftercast.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "aftercast", "import", str(big), "--campaign", "big"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + WAIT
    written = 0
    while time.monotonic() < deadline and process.poll() is None:
        written = count(database, "SELECT count(*) FROM metrics_observation")
        if written:
            break
        time.sleep(0.2)
    assert written, "the import wrote nothing before it ended or the wait ran out"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert count(database, "SELECT count(*) FROM imports_importrun WHERE status='running'") == 1
    small = folder / "small.csv"
    small.write_text("handle,date,reach\namy,2030-01-01,5\n")
    after = aftercast("import", str(small), "--campaign", "big", env=env)
    assert after.returncode == 0, after.stderr
    with sqlite3.connect(database) as db:
        runs = db.execute("SELECT status, error_code FROM imports_importrun ORDER BY id").fetchall()
    assert runs == [("failed", "interrupted"), ("done", "")]
    assert count(database, "SELECT count(*) FROM metrics_observation") == 1
