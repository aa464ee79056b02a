"""A campaign market's health with 10,000 live creators and 30 days of daily numbers each
(1.8 million observations, 20,000 comments), against a plain SQL aggregate of the same numbers
in the same run: the daily sums by metric, the sums by creator and metric, the posts due and
the comments, read with a cursor and nothing else done. Goal: health within 3x the aggregate.
The creators' grid (each creator's own pace, resampled) is reported beside it, as is the
time of one page with everything on it.
"""

import datetime as dt
import random
import statistics
import time
from decimal import Decimal

CREATORS = 10_000
DAYS = 30
COMMENTS = 20_000
ROUNDS = 5
METRICS = ("reach", "likes", "comments", "shares", "clicks", "conversions")


def _build():
    from django.utils import timezone
    from tests import factories

    from aftercast.briefs.models import KpiTarget
    from aftercast.campaigns.models import Deliverable, Partnership, PartnershipStatus
    from aftercast.catalog.models import Creator, CreatorAccount
    from aftercast.metrics.benchmarks import install_public_benchmarks
    from aftercast.metrics.models import Comment, Observation

    rng = random.Random(9)
    ws = factories.workspace("Health bench")
    install_public_benchmarks(ws)
    campaign = factories.campaign(ws, markets=("RU",))
    today = timezone.localdate()
    campaign.starts_on, campaign.ends_on = (
        today - dt.timedelta(days=DAYS),
        today + dt.timedelta(days=DAYS),
    )
    campaign.save()
    piece = campaign.markets.get()
    # A target far above the pace, so the wrong-metric check (every creator's numbers) runs too.
    brief = factories.brief(piece, "conversions", "3000000")
    KpiTarget.objects.create(workspace=ws, brief=brief, metric="er_reach", target=Decimal("0.05"))
    market, platform = factories.market("RU"), factories.platform("instagram")
    people = Creator.objects.bulk_create(
        Creator(workspace=ws, name=f"Блогер {n}", market=market, language="ru")
        for n in range(CREATORS)
    )
    accounts = CreatorAccount.objects.bulk_create(
        CreatorAccount(workspace=ws, creator=p, platform=platform, handle=f"bench{n}",
                       followers=rng.randint(10_000, 400_000))
        for n, p in enumerate(people)
    )  # fmt: skip
    links = Partnership.objects.bulk_create(
        Partnership(workspace=ws, campaign_market=piece, account=a, currency="RUB",
                    fee=Decimal(rng.randint(20, 90) * 1000), status=PartnershipStatus.LIVE)
        for a in accounts
    )  # fmt: skip
    now = timezone.now()
    Deliverable.objects.bulk_create(
        Deliverable(workspace=ws, partnership=link, format="reel",
                    planned_at=now - dt.timedelta(days=rng.randint(2, 25)),
                    published_at=now - dt.timedelta(days=rng.randint(1, 25)))
        for link in links
    )  # fmt: skip
    batch: list = []
    for link in links:
        for back in range(DAYS):
            day = today - dt.timedelta(days=back + 1)
            reach = rng.randint(500, 20_000)
            values = (reach, reach * rng.uniform(0.02, 0.08), reach * 0.004, reach * 0.002,
                      reach * rng.uniform(0.005, 0.02), rng.randint(0, 6))  # fmt: skip
            for metric, value in zip(METRICS, values, strict=True):
                batch.append(Observation(workspace=ws, partnership=link, observed_on=day,
                                         metric=metric, value=Decimal(round(value))))  # fmt: skip
        if len(batch) >= 50_000:
            Observation.objects.bulk_create(batch, batch_size=5_000)
            batch = []
    Observation.objects.bulk_create(batch, batch_size=5_000)
    texts = ["Очень круто, спасибо!", "Не понравилось, скучно", "Great video, love it",
             "Waste of money", "Обычный обзор", "ok"]  # fmt: skip
    Comment.objects.bulk_create(
        Comment(workspace=ws, partnership=rng.choice(links), text=rng.choice(texts),
                posted_at=now - dt.timedelta(days=rng.randint(1, DAYS)),
                sentiment=rng.choice([None, -0.6, 0.0, 0.7]))
        for _ in range(COMMENTS)
    )  # fmt: skip
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return piece


def _aggregate(piece) -> int:
    """The numbers health reads, by plain SQL and nothing more."""
    from django.db import connection

    rows = 0
    with connection.cursor() as cursor:
        where = ("FROM metrics_observation o "
                 "JOIN campaigns_partnership p ON p.id = o.partnership_id "
                 "WHERE p.campaign_market_id = %s AND p.deleted_at IS NULL "
                 "AND p.status <> 'dropped' AND o.metric <> 'followers'")  # fmt: skip
        for sql in (
            f"SELECT o.observed_on, o.metric, SUM(o.value) {where} "
            "GROUP BY o.observed_on, o.metric",
            f"SELECT o.partnership_id, o.metric, SUM(o.value) {where} "
            "GROUP BY o.partnership_id, o.metric",
            "SELECT d.partnership_id, d.planned_at, d.published_at, d.spec_checklist "
            "FROM campaigns_deliverable d JOIN campaigns_partnership p ON p.id = d.partnership_id "
            "WHERE p.campaign_market_id = %s AND d.deleted_at IS NULL",
            "SELECT c.partnership_id, c.text, c.language, c.sentiment, c.posted_at "
            "FROM metrics_comment c JOIN campaigns_partnership p ON p.id = c.partnership_id "
            "WHERE p.campaign_market_id = %s",
        ):
            cursor.execute(sql, [piece.pk])
            rows += len(cursor.fetchall())
    return rows


def _median_ms(call, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def run() -> str:
    from django.db import connection

    from aftercast.checkins.health import market_health

    began = time.perf_counter()
    piece = _build()
    built = time.perf_counter() - began
    market_health(piece)  # warm the caches the way a second visit would
    _aggregate(piece)
    health_ms, aggregate_ms = [], []
    for _ in range(ROUNDS):  # interleaved, so a machine slowing down weighs on both alike
        health_ms.append(_median_ms(lambda: market_health(piece), 1))
        aggregate_ms.append(_median_ms(lambda: _aggregate(piece), 1))
    health, aggregate = statistics.median(health_ms), statistics.median(aggregate_ms)
    grid = _median_ms(lambda: market_health(piece, creators=True), 1)
    return (
        f"[{connection.vendor}] market health, {CREATORS:,} live creators x {DAYS} days "
        f"({CREATORS * DAYS * len(METRICS):,} observations, {COMMENTS:,} comments; built in "
        f"{built:.0f} s): health {health:.0f} ms, plain SQL aggregate {aggregate:.0f} ms, "
        f"ratio {health / aggregate:.2f}x (goal <= 3x); with every creator's row "
        f"{grid:.0f} ms ({grid / aggregate:.1f}x)"
    )
