"""The `aftercast` command: Django's management commands, with configuration errors in one line."""

import os
import sys

COMMANDS_WITHOUT_DATABASE = {
    "help",
    "--help",
    "-h",
    "version",
    "--version",
    "makemessages",
    "compilemessages",
    "collectstatic",
    "check",
    "makemigrations",
}


def _hide_password(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _check_database() -> str | None:
    """Return one sentence when the configured database cannot be reached, else None."""
    from django.conf import settings
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as error:
        url = os.environ.get("DATABASE_URL") or settings.DATABASES["default"]["NAME"]
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return (
            f"DATABASE_URL={_hide_password(str(url))} cannot be reached ({reason}): "
            "start the database server or set DATABASE_URL to one that runs."
        )
    return None


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aftercast.config.settings")
    # Everything Aftercast creates (the database, the secret key, uploads, exports, logs) is
    # for its own user only: other accounts on the machine read none of it.
    os.umask(0o077)
    from aftercast.config.env import ConfigurationError

    try:
        import django

        django.setup()
    except ConfigurationError as error:
        sys.stderr.write(f"aftercast: {error}\n")
        raise SystemExit(2) from None

    command = argv[1] if len(argv) > 1 else "help"
    if command not in COMMANDS_WITHOUT_DATABASE:
        problem = _check_database()
        if problem:
            sys.stderr.write(f"aftercast: {problem}\n")
            raise SystemExit(2)

    from django.core.management import execute_from_command_line

    argv[0] = "aftercast"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
