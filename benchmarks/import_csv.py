"""Importing 1,000,000 observation rows from CSV into SQLite against a raw sqlite3 baseline
(csv.reader + executemany into the same table) in the same run. Goal: at least 0.5 of the
baseline's rate, and memory that does not grow with the file (measured at two file sizes)."""

import csv
import datetime as dt
import gc
import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

ROWS = 1_000_000
POSTS = 1_000
START = dt.date(2023, 1, 1)


def _campaign():
    from tests import factories

    from aftercast.campaigns.models import Deliverable

    ws = factories.workspace("Import bench")
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


def _write_csv(path: Path, rows: int) -> None:
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


def _clear():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM metrics_observation")


def _raw(path: Path, link) -> float:
    """The baseline: read the same file and executemany the same rows, nothing else."""
    from aftercast.campaigns.models import Deliverable

    posts = dict(Deliverable.objects.filter(partnership=link).values_list("url", "pk"))
    db = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    now = timezone.now().isoformat()
    began = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as handle, db:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        db.executemany(
            "INSERT INTO metrics_observation (workspace_id, created_at, updated_at, "
            "partnership_id, deliverable_id, observed_on, metric, value, currency) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (
                (
                    link.workspace_id,
                    now,
                    now,
                    link.pk,
                    posts[url],
                    dt.datetime.strptime(day, "%d.%m.%Y").date().isoformat(),
                    "reach",
                    value.replace(" ", ""),
                    "",
                )
                for url, day, value in reader
            ),
        )
    elapsed = time.perf_counter() - began
    db.close()
    return elapsed


def _ours(path: Path, campaign) -> float:
    from aftercast.imports.services import import_observations

    began = time.perf_counter()
    report = import_observations(campaign=campaign, path=path)
    elapsed = time.perf_counter() - began
    assert report.created == report.rows_read and not report.rejected_count, report
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
    campaign, link = _campaign()
    folder = Path(tempfile.mkdtemp(prefix="aftercast-import-bench-"))
    big, small, smaller = folder / "big.csv", folder / "small.csv", folder / "smaller.csv"
    _write_csv(big, ROWS)
    _write_csv(small, ROWS // 5)
    _write_csv(smaller, ROWS // 20)
    raw_seconds = _raw(big, link)
    _clear()
    ours_seconds = _ours(big, campaign)
    raw_rate, ours_rate = ROWS / raw_seconds, ROWS / ours_seconds
    memory_small = _peak_memory(smaller, campaign)
    memory_big = _peak_memory(small, campaign)
    return (
        f"import {ROWS:,} CSV rows: Aftercast {ours_rate:,.0f} rows/s, raw sqlite3 "
        f"{raw_rate:,.0f} rows/s, ratio {ours_rate / raw_rate:.2f} (goal >= 0.5); peak memory "
        f"{memory_small / 2**20:.1f} MiB for {ROWS // 20:,} rows vs {memory_big / 2**20:.1f} MiB "
        f"for {ROWS // 5:,} rows (x{memory_big / max(memory_small, 1):.2f} for 4x the rows)"
    )
