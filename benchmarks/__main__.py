"""Run every benchmark: `make bench` (or `python -m benchmarks [name ...]`).

Each benchmark measures Aftercast's path and a raw baseline in the same run, on the same machine,
and reports the ratio, so results compare across machines. Not part of `make test`.
"""

import importlib
import os
import sys
import tempfile

BENCHMARKS = ["import_csv"]


def main(names: list[str]) -> None:
    home = tempfile.mkdtemp(prefix="aftercast-bench-")
    os.environ["AFTERCAST_HOME"] = home
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aftercast.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    for name in names or BENCHMARKS:
        module = importlib.import_module(f"benchmarks.{name}")
        print(module.run())


if __name__ == "__main__":
    main(sys.argv[1:])
