"""Importing 1,000,000 observation rows from CSV, against a raw baseline doing the same work in
the same run, on the database this process is configured with (SQLite or PostgreSQL).

The baseline reads the same file with csv.reader, parses each distinct date once (as the import
does), cleans the numbers and inserts the same rows with executemany (sqlite3, or psycopg on
PostgreSQL). Beside it, the insert floor: executemany of ready tuples into the same table, no
reading or parsing at all. Goal: at least 0.5 of the baseline's rate, and peak memory that does
not grow with the file (measured at two file sizes).
"""

import csv
import datetime as dt
import gc
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.db import connection
from django.utils import timezone

ROWS = 1_000_000
POSTS = 1_000
START = dt.date(2023, 1, 1)
INSERT = (
    "INSERT INTO metrics_observation (workspace_id, created_at, updated_at, partnership_id, "
    "deliverable_id, observed_on, metric, value, currency) VALUES ({marks})"
)


def make_campaign(name: str = "Import bench"):
    from tests import factories

    from aftercast.campaigns.models import Deliverable

    ws = factories.workspace(name)
    campaign = factories.campaign(ws, markets=("RU",))
    link = factories.partnership(campaign.markets.get(), factories.creator(ws))
    now = timezone.now()
    Deliverable.objects.bulk_create(
        Deliverable(
            workspace=ws,
            partnership=link,
            format="reel",
            planned_at=now,
            url=f"https://instagram.example/p/bench-{n}",
        )
        for n in range(POSTS)
    )
    return campaign, link


def write_csv(path: Path, rows: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Ссылка на публикацию", "Дата", "Охват"])
        for n in range(rows):
            day = START + dt.timedelta(days=n // POSTS)
            writer.writerow(
                [
                    f"https://instagram.example/p/bench-{n % POSTS}",
                    day.strftime("%d.%m.%Y"),
                    f"{1000 + n % 9000} {n % 1000:03d}",
                ]
            )


def _clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM metrics_observation")


def _raw_connection():
    """A connection of the driver itself, outside Django (its own transaction)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.connect(settings["NAME"]), "?"
    import psycopg

    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"],
        port=settings["PORT"] or None,
    ), "%s"


def _baseline_rows(path: Path, link, posts: dict, now: str):
    days: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        for url, day, value in reader:
            if day not in days:
                days[day] = dt.datetime.strptime(day, "%d.%m.%Y").date().isoformat()
            yield (
                link.workspace_id,
                now,
                now,
                link.pk,
                posts[url],
                days[day],
                "reach",
                value.replace(" ", ""),
                "",
            )


def _timed_insert(rows) -> float:
    db, mark = _raw_connection()
    sql = INSERT.format(marks=", ".join([mark] * 9))
    began = time.perf_counter()
    with db:
        cursor = db.cursor()
        cursor.executemany(sql, rows)
    elapsed = time.perf_counter() - began
    db.close()
    return elapsed


def _raw(path: Path, link) -> float:
    """The baseline: read the same file, parse it the same way, insert the same rows."""
    from aftercast.campaigns.models import Deliverable

    posts = dict(Deliverable.objects.filter(partnership=link).values_list("url", "pk"))
    return _timed_insert(_baseline_rows(path, link, posts, timezone.now().isoformat()))


def _floor(path: Path, link) -> float:
    """The insert floor: the same rows, already parsed, only inserted."""
    from aftercast.campaigns.models import Deliverable

    posts = dict(Deliverable.objects.filter(partnership=link).values_list("url", "pk"))
    ready = list(_baseline_rows(path, link, posts, timezone.now().isoformat()))
    return _timed_insert(ready)


def _ours(path: Path, campaign) -> float:
    from aftercast.imports.services import import_file

    began = time.perf_counter()
    report = import_file(campaign=campaign, path=path)
    elapsed = time.perf_counter() - began
    assert report.created == report.rows_read and not report.rows_rejected, report.as_dict()
    return elapsed


def _peak_memory(path: Path, campaign) -> int:
    _clear()
    gc.collect()
    tracemalloc.start()
    _ours(path, campaign)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def run() -> str:
    campaign, link = make_campaign()
    folder = Path(tempfile.mkdtemp(prefix="aftercast-import-bench-"))
    big, small, smaller = folder / "big.csv", folder / "small.csv", folder / "smaller.csv"
    write_csv(big, ROWS)
    write_csv(small, ROWS // 5)
    write_csv(smaller, ROWS // 20)
    _clear()
    floor_seconds = _floor(big, link)
    _clear()
    raw_seconds = _raw(big, link)
    _clear()
    ours_seconds = _ours(big, campaign)
    floor_rate, raw_rate = ROWS / floor_seconds, ROWS / raw_seconds
    ours_rate = ROWS / ours_seconds
    memory_small = _peak_memory(smaller, campaign)
    memory_big = _peak_memory(small, campaign)
    _clear()
    return (
        f"[{connection.vendor}] import {ROWS:,} CSV rows: Aftercast {ours_rate:,.0f} rows/s, "
        f"raw baseline (read, parse each date once, executemany) {raw_rate:,.0f} rows/s, "
        f"ratio {ours_rate / raw_rate:.2f} (goal >= 0.5); insert floor (executemany of ready "
        f"tuples) {floor_rate:,.0f} rows/s; peak memory {memory_small / 2**20:.1f} MiB for "
        f"{ROWS // 20:,} rows vs {memory_big / 2**20:.1f} MiB for {ROWS // 5:,} rows "
        f"(x{memory_big / max(memory_small, 1):.2f} for 4x the rows)"
    )
