"""Read configuration from environment variables, failing loudly with one clear sentence."""

import os
import secrets
import tempfile
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
    home = Path(os.environ.get("AFTERCAST_HOME") or "var").expanduser().resolve()
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(
            f"AFTERCAST_HOME={home} cannot be created ({error.strerror}): "
            "point AFTERCAST_HOME at a writable directory."
        ) from error
    try:
        # A real write, not os.access: root passes access checks on read-only mounts.
        with tempfile.NamedTemporaryFile(dir=home, prefix=".write-check-"):
            pass
    except OSError as error:
        raise ConfigurationError(
            f"AFTERCAST_HOME={home} is not writable ({error.strerror}): "
            "point AFTERCAST_HOME at a directory this user can write to."
        ) from error
    return home


def secret_key(home: Path) -> str:
    """Return SECRET_KEY from the environment, or one generated once and kept in AFTERCAST_HOME."""
    from_env = os.environ.get("SECRET_KEY", "").strip()
    if from_env:
        return from_env
    key_file = home / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created with owner-only permissions: the key signs sessions and creator sign-off links.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def database_url(home: Path) -> str:
    return os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{home / 'aftercast.sqlite3'}"
