"""Writing observations through the ORM (bulk_create, as the demo and imports do) against raw
sqlite3 executemany into the same table. Goal: at least 0.5 of the raw rate."""

import datetime as dt
import sqlite3
import time
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction

ROWS = 200_000
METRICS = ["reach", "views", "likes", "comments", "shares", "saves", "clicks", "conversions"]


def _fixture():
    from tests import factories

    ws = factories.workspace("Bench")
    campaign = factories.campaign(ws, markets=("RU",))
    link = factories.partnership(campaign.markets.get(), factories.creator(ws))
    posts = [factories.deliverable(link, -i) for i in range(ROWS // (len(METRICS) * 365) + 1)]
    return ws, link, posts


def _rows(ws, link, posts):
    start = dt.date(2024, 1, 1)
    for post in posts:
        for day in range(365):
            for metric in METRICS:
                yield ws.pk, link.pk, post.pk, start + dt.timedelta(days=day), metric


def _orm(ws, link, posts) -> float:
    from aftercast.metrics.models import Observation

    began = time.perf_counter()
    with transaction.atomic():
        batch = [
            Observation(
                workspace_id=w,
                partnership_id=p,
                deliverable_id=d,
                observed_on=day,
                metric=m,
                value=Decimal(17),
            )
            for w, p, d, day, m in _rows(ws, link, posts)
        ][:ROWS]
        Observation.objects.bulk_create(batch, batch_size=2000)
    return time.perf_counter() - began


def _raw(ws, link, posts) -> float:
    table = "metrics_observation"
    db = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    now = dt.datetime.now(dt.UTC).isoformat()
    rows = [
        (w, now, now, p, d, day.isoformat(), m, "17", "")
        for w, p, d, day, m in _rows(ws, link, posts)
    ][:ROWS]
    began = time.perf_counter()
    with db:
        db.executemany(
            f"INSERT INTO {table} (workspace_id, created_at, updated_at, partnership_id, "
            "deliverable_id, observed_on, metric, value, currency) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
    elapsed = time.perf_counter() - began
    db.close()
    return elapsed


def run() -> str:
    ws, link, posts = _fixture()
    raw_seconds = _raw(ws, link, posts)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM metrics_observation")
    orm_seconds = _orm(ws, link, posts)
    raw_rate, orm_rate = ROWS / raw_seconds, ROWS / orm_seconds
    return (
        f"observation writes: ORM {orm_rate:,.0f} rows/s, raw sqlite3 {raw_rate:,.0f} rows/s, "
        f"ratio {orm_rate / raw_rate:.2f} (goal ≥ 0.5)"
    )
