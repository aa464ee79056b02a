"""SQLite's LIKE folds case for ASCII letters only: "анна" would not find "Анна". Each SQLite
connection gets a LIKE that folds case the way Python does, for every alphabet; PostgreSQL's
own (ILIKE / UPPER) already does."""

import re
from functools import lru_cache

from django.db.backends.signals import connection_created


@lru_cache(maxsize=256)
def _pattern(like: str, escape: str | None) -> re.Pattern:
    if escape is not None and len(escape) != 1:
        raise ValueError("ESCAPE expression must be a single character")
    parts, literal = [], False
    for char in like:
        if literal:
            parts.append(re.escape(char))
            literal = False
        elif escape and char == escape:
            literal = True
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    if literal:
        return re.compile(r"(?!)")  # a pattern ending in a bare escape matches nothing
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def like(pattern: str | None, value, escape: str | None = None) -> bool | None:
    """SQL's `value LIKE pattern [ESCAPE escape]`, folding case in every alphabet."""
    if pattern is None or value is None:
        return None
    return _pattern(pattern, escape).fullmatch(str(value)) is not None


def _install(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, like, deterministic=True)
        connection.connection.create_function("like", 3, like, deterministic=True)


def install() -> None:
    connection_created.connect(_install, dispatch_uid="aftercast-sqlite-like")
