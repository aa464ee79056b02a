"""Run every benchmark: `make bench` (or `python -m benchmarks [name ...]`).

Each benchmark measures Aftercast's path and a raw baseline in the same run, on the same machine,
and reports the ratio, so results compare across machines. Not part of `make test`. The database
is SQLite in a fresh AFTERCAST_HOME, or the PostgreSQL database DATABASE_URL names (emptied
first: give it a database of its own).
"""

import importlib
import os
import sys
import tempfile

BENCHMARKS = ["import_csv", "load", "lists", "health", "search", "case_study_pdf", "forecast"]


def main(names: list[str]) -> None:
    home = tempfile.mkdtemp(prefix="aftercast-bench-")
    os.environ["AFTERCAST_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aftercast.config.settings")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    for name in names or BENCHMARKS:
        module = importlib.import_module(f"benchmarks.{name}")
        print(module.run(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
