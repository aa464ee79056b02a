"""`aftercast` stops with one clear sentence, not a traceback, on unusable configuration."""

import os
import subprocess
import sys
from pathlib import Path


def run_aftercast(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "aftercast", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_it_names_an_unwritable_home(tmp_path):
    home = tmp_path / "locked"
    home.mkdir()
    home.chmod(0o500)
    if os.geteuid() == 0:
        # root writes through permission bits; sysfs refuses even root.
        home = Path("/sys/kernel")
    result = run_aftercast("migrate", AFTERCAST_HOME=str(home))
    assert result.returncode == 2
    assert "AFTERCAST_HOME" in result.stderr and "not writable" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_names_a_home_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run_aftercast("migrate", AFTERCAST_HOME=str(blocker / "home"))
    assert result.returncode == 2
    assert "AFTERCAST_HOME" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_it_names_an_unreachable_database(tmp_path):
    result = run_aftercast(
        "migrate",
        AFTERCAST_HOME=str(tmp_path),
        DATABASE_URL="postgres://nobody:secret@127.0.0.1:1/nowhere",
    )
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "secret" not in result.stderr, "the password must not be printed"
    assert "Traceback" not in result.stderr


def test_it_names_a_database_url_it_cannot_understand(tmp_path):
    result = run_aftercast("migrate", AFTERCAST_HOME=str(tmp_path), DATABASE_URL="mongo://x/y")
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_generates_and_keeps_a_secret_key_in_home(tmp_path):
    first = run_aftercast("check", AFTERCAST_HOME=str(tmp_path))
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
    run_aftercast("check", AFTERCAST_HOME=str(tmp_path))
    assert (tmp_path / "secret_key").read_text() == key


def test_servers_sharing_a_directory_share_one_key_and_the_files(tmp_path):
    shared, one, two = tmp_path / "shared", tmp_path / "one", tmp_path / "two"
    where = "from django.conf import settings; print(settings.MEDIA_ROOT, settings.SECRET_KEY)"
    printed = [
        run_aftercast("shell", "-c", where, AFTERCAST_HOME=str(home), AFTERCAST_SHARED=str(shared))
        for home in (one, two)
    ]
    assert [p.returncode for p in printed] == [0, 0], [p.stderr for p in printed]
    lines = [p.stdout.strip().splitlines()[-1] for p in printed]
    assert lines[0] == lines[1]  # the same uploads, the same key
    assert lines[0].startswith(str(shared / "media"))
    assert (shared / "secret_key").exists() and not (one / "secret_key").exists()
    # A key a lone server made in its home before it was shared stays its key.
    (one / "secret_key").write_text("kept-from-before")
    kept = run_aftercast(
        "shell", "-c", where, AFTERCAST_HOME=str(one), AFTERCAST_SHARED=str(shared)
    )
    assert kept.stdout.strip().endswith("kept-from-before")
    # Several servers on SQLite would each keep their own data: the check says so.
    check = run_aftercast("check", AFTERCAST_HOME=str(two), AFTERCAST_SHARED=str(shared))
    assert "aftercast.W001" in check.stderr + check.stdout


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    result = run_aftercast(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0]);"
        "print(c.execute('PRAGMA busy_timeout').fetchone()[0])",
        AFTERCAST_HOME=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    mode, timeout = result.stdout.split()[-2:]
    assert mode == "wal"
    assert int(timeout) >= 5000
