"""A backup → restore round trip, through the command line on a fresh home as an operator
would: the same data and files come back, what was written after the backup is gone; a
foreign or hostile archive is refused before anything is replaced. SQLite always; PostgreSQL
(pg_dump/pg_restore) on a database of its own when the suite runs on PostgreSQL."""

import io
import os
import subprocess
import sys
import tarfile
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
COUNT = ("from aftercast.campaigns.models import Campaign; "
         "print(sorted(Campaign.objects.values_list('name', flat=True)))")  # fmt: skip
MAKE = """
from aftercast.core.models import Workspace
from tests import factories
workspace = Workspace.objects.first() or factories.workspace("Acme")
factories.campaign(workspace, "{name}")
"""


def _run(home: Path, database: str | None, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(AFTERCAST_HOME=str(home), PYTHONPATH=str(ROOT))
    if database:
        env["DATABASE_URL"] = database
    done = subprocess.run([sys.executable, "-m", "aftercast", *args], env=env, text=True,
                          capture_output=True, timeout=900)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _round_trip(home: Path, database: str | None) -> None:
    _run(home, database, "migrate", "-v0")
    _run(home, database, "shell", "-c", MAKE.format(name="Kept"))
    media = home / "media" / "imports"
    media.mkdir(parents=True, exist_ok=True)
    (media / "posts.csv").write_text("date,reach\n2026-03-01,100\n")
    archive = home.parent / "backup.tar.gz"
    _run(home, database, "backup", str(archive))
    _run(home, database, "shell", "-c", MAKE.format(name="Made after the backup"))
    (media / "posts.csv").unlink()
    assert _run(home, database, "shell", "-c", COUNT) == "['Kept', 'Made after the backup']"
    _run(home, database, "restore", str(archive), "--yes")
    assert _run(home, database, "shell", "-c", COUNT) == "['Kept']"
    assert (media / "posts.csv").read_text().startswith("date,reach")


def test_a_sqlite_backup_restores_the_data_and_the_files(tmp_path):
    _round_trip(tmp_path / "home", None)


def test_a_postgresql_backup_restores_the_data_and_the_files(tmp_path, db):
    if connection.vendor != "postgresql":
        pytest.skip("the suite runs on SQLite: its PostgreSQL phase runs this")
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    own = urlunsplit(url._replace(path="/aftercast_backup_test"))
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute("DROP DATABASE IF EXISTS aftercast_backup_test")
        server.execute("CREATE DATABASE aftercast_backup_test")
    try:
        _round_trip(tmp_path / "home", own)
    finally:
        with psycopg.connect(admin, autocommit=True) as server:
            server.execute("DROP DATABASE IF EXISTS aftercast_backup_test WITH (FORCE)")


def test_a_foreign_or_hostile_archive_is_refused(tmp_path, db):
    not_one = tmp_path / "notes.tar.gz"
    not_one.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not an Aftercast backup"):
        call_command("restore", str(not_one), "--yes", stdout=StringIO())
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(hostile, "w:gz") as archive:
        info = tarfile.TarInfo("../../etc/evil")
        info.size = 4
        archive.addfile(info, io.BytesIO(b"evil"))
    with pytest.raises(CommandError, match="unsafe entry"):
        call_command("restore", str(hostile), "--yes", stdout=StringIO())
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(hostile), stdout=StringIO())
