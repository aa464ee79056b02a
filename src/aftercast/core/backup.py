"""A backup of everything Aftercast keeps — the database and the uploaded and exported files —
in one .tar.gz, and its restore. On SQLite the copy is taken online (SQLite's backup API: a
consistent snapshot while people keep working); on PostgreSQL with pg_dump (custom format),
restored with pg_restore. The archive says which, so a restore refuses the wrong database."""

import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "aftercast-backup.json"


class BackupError(Exception):
    """Why a backup or a restore could not be done, in a sentence for the person."""


def _vendor() -> str:
    return connection.vendor


def _sqlite_target() -> sqlite3.Connection:
    """A connection of its own to the database Django uses (a file, or a shared in-memory one
    named by URI in tests)."""
    name = str(connection.settings_dict["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"))


def _postgres_url() -> str:
    db = connection.settings_dict
    user = f"{db.get('USER') or ''}{':' + db['PASSWORD'] if db.get('PASSWORD') else ''}"
    host = f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    return f"postgresql://{user}@{host}/{db['NAME']}"


def _dump_database(into: Path) -> str:
    """The database copied into the file `into`; the name it has in the archive."""
    if _vendor() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(into)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return "database.sqlite3"
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed: install the PostgreSQL client tools.")
    done = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={into}", _postgres_url()],
        capture_output=True, text=True, timeout=24 * 3600,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return "database.pgdump"


def backup(path: Path) -> dict:
    """Write the backup to `path` (a .tar.gz); what it holds."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        dumped = Path(work) / "database"
        name = _dump_database(dumped)
        files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
        manifest = {
            "vendor": _vendor(), "database": name, "files": len(files),
            "taken_at": timezone.now().isoformat(),
        }  # fmt: skip
        partial = path.with_name(path.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dumped, arcname=name)
            for file in files:
                archive.add(file, arcname=f"media/{file.relative_to(media)}")
        partial.replace(path)  # a half-written archive is never taken for a backup
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Plain files under names that stay inside the folder they are extracted to."""
    found = []
    for member in archive.getmembers():
        name = Path(member.name)
        if member.isdir():
            continue
        if not member.isfile() or name.is_absolute() or ".." in name.parts:
            raise BackupError(f"The archive holds an unsafe entry: {member.name}")
        found.append(member)
    return found


def restore(path: Path) -> dict:
    """Replace the database and the files with the backup's. The app servers and workers
    must be stopped: a restore is not a merge."""
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (the `with` below closes it)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not an Aftercast backup ({error}).") from None
    with archive, tempfile.TemporaryDirectory() as work:
        members = _safe_members(archive)
        if MANIFEST not in {m.name for m in members}:
            raise BackupError(f"{path} is not an Aftercast backup (no {MANIFEST}).")
        archive.extractall(work, members=members, filter="data")
        manifest = json.loads((Path(work) / MANIFEST).read_text())
        if manifest.get("vendor") != _vendor():
            raise BackupError(
                f"The backup is of a {manifest.get('vendor')} database; this one is {_vendor()}."
            )
        _restore_database(Path(work) / manifest["database"])
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (Path(work) / "media").exists():
            shutil.copytree(Path(work) / "media", media)
    return manifest


def _restore_database(dumped: Path) -> None:
    if _vendor() == "sqlite":
        connection.close()
        source = sqlite3.connect(dumped)
        target = _sqlite_target()
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return
    if shutil.which("pg_restore") is None:
        raise BackupError("pg_restore is not installed: install the PostgreSQL client tools.")
    connection.close()
    done = subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
         f"--dbname={_postgres_url()}", str(dumped)],
        capture_output=True, text=True, timeout=24 * 3600,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
