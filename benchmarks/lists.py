"""Every list page against the dashboard, on the demo at `--scale 20` (261 campaigns, ~417k
observations), in one run: the dashboard is the fair baseline (a page of the same app that
reads the same workspace). Goal: every list within 2x the dashboard's median time."""

import statistics
import time

from django.test import Client
from django.test.utils import setup_test_environment

SCALE = 20
ROUNDS = 15
PAGES = {
    "campaigns": "/campaigns/",
    "briefs": "/briefs/",
    "check-ins": "/checkins/",
    "debriefs": "/debriefs/",
    "learnings": "/learnings/",
    "case studies": "/case-studies/",
    "creators": "/creators/",
    "benchmarks": "/benchmarks/",
}


def _median_ms(client: Client, url: str) -> tuple[float, int]:
    client.get(url)  # warm caches the way a second visit would
    times, size = [], 0
    for _round in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content)
    return statistics.median(times), size


def run() -> str:
    from aftercast.demo import build, people

    setup_test_environment()
    build.reset()
    build.build(seed=42, scale=SCALE)
    from django.contrib.auth import get_user_model

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=people.USERS[0][0]))
    dashboard, _size = _median_ms(client, "/")
    lines, worst = [], 0.0
    for name, url in PAGES.items():
        took, size = _median_ms(client, url)
        worst = max(worst, took / dashboard)
        lines.append(f"{name} {took:.0f} ms ({took / dashboard:.2f}x, {size / 1024:.0f} KB)")
    from django.db import connection

    return (
        f"[{connection.vendor}] list pages at demo --scale {SCALE}, median of {ROUNDS}: "
        f"dashboard {dashboard:.0f} ms; " + "; ".join(lines) + f". Worst {worst:.2f}x (goal <= 2x)"
    )
