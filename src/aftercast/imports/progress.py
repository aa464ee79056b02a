"""How far a running import has got, readable by the page that polls for it."""

from django.core.cache import cache

TIMEOUT = 24 * 3600


def _key(run_id: int) -> str:
    return f"import-progress-{run_id}"


def set_progress(run_id: int, done: int, total: int) -> None:
    cache.set(_key(run_id), (done, total), TIMEOUT)


def get_progress(run_id: int) -> tuple[int, int] | None:
    return cache.get(_key(run_id))


def count_rows(path, options) -> int:
    """Count data rows without keeping them, for the progress bar's 100%."""
    from aftercast.imports.readers import read_rows

    return max(0, sum(1 for _row in read_rows(path, options)) - 1)
