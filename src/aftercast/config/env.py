"""Read configuration from environment variables, failing loudly with one clear sentence."""

import os
import secrets
import tempfile
import time
from pathlib import Path


class ConfigurationError(Exception):
    """A setting from the environment is unusable; the message says which and what to do."""


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a yes/no value: set it to 1 or 0.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or default


def aftercast_home() -> Path:
    """Return AFTERCAST_HOME (default ./var), creating it, or raise if it cannot be written."""
    return writable_directory("AFTERCAST_HOME", os.environ.get("AFTERCAST_HOME") or "var")


def shared_directory(home: Path) -> Path:
    """Return AFTERCAST_SHARED, the directory every server of a team reads and writes alike
    (uploads, exports, the import-progress cache, the generated secret key); AFTERCAST_HOME
    when one server runs alone."""
    shared = os.environ.get("AFTERCAST_SHARED", "").strip()
    return writable_directory("AFTERCAST_SHARED", shared) if shared else home


def writable_directory(variable: str, value: str) -> Path:
    path = Path(value).expanduser().resolve()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(
            f"{variable}={path} cannot be created ({error.strerror}): "
            f"point {variable} at a writable directory."
        ) from error
    try:
        # A real write, not os.access: root passes access checks on read-only mounts.
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-check-"):
            pass
    except OSError as error:
        raise ConfigurationError(
            f"{variable}={path} is not writable ({error.strerror}): "
            f"point {variable} at a directory this user can write to."
        ) from error
    return path


def secret_key(home: Path, shared: Path | None = None) -> str:
    """Return SECRET_KEY from the environment, or the one kept in AFTERCAST_HOME (where a
    single server made it), or in the shared directory, made there once for every server."""
    shared = shared or home
    from_env = os.environ.get("SECRET_KEY", "").strip()
    if from_env:
        return from_env
    key_file = home / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    shared_file = shared / "secret_key"
    if shared_file.exists():
        return shared_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created with owner-only permissions: the key signs sessions and creator sign-off links.
    try:
        fd = os.open(shared_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another server, starting at the same moment, made it first
        return _written(shared_file)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _written(key_file: Path) -> str:
    """The key another process is writing: read once it is there whole (a few bytes, written
    in one call right after the file was created)."""
    for _attempt in range(100):
        key = key_file.read_text().strip()
        if key:
            return key
        time.sleep(0.05)
    raise ConfigurationError(f"{key_file} is empty: delete it, or set SECRET_KEY.")


def database_url(home: Path) -> str:
    return os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{home / 'aftercast.sqlite3'}"
