"""Every list page against the dashboard, on the demo at `--scale 20` (261 campaigns, ~417k
observations), in one run, the pages taking turns: the dashboard is the fair baseline (a page
of the same app that reads the same workspace). Goal: every list within 2x the dashboard's
median time."""

import statistics
import time

from django.test import Client
from django.test.utils import setup_test_environment

SCALE = 20
ROUNDS = 25
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


def _medians_ms(client: Client, urls: list[str]) -> dict[str, tuple[float, int]]:
    """Median time and size of each page; the pages take turns within every round, so a
    machine that slows down or speeds up during the run weighs on all of them alike."""
    for url in urls:
        client.get(url)  # warm caches the way a second visit would
    times: dict[str, list[float]] = {url: [] for url in urls}
    sizes: dict[str, int] = {}
    for _round in range(ROUNDS):
        for url in urls:
            started = time.perf_counter()
            response = client.get(url, HTTP_HOST="127.0.0.1")
            times[url].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            sizes[url] = len(response.content)
    return {url: (statistics.median(times[url]), sizes[url]) for url in urls}


def run() -> str:
    from aftercast.demo import build, people

    setup_test_environment()
    build.reset()
    build.build(seed=42, scale=SCALE)
    from django.contrib.auth import get_user_model

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=people.USERS[0][0]))
    measured = _medians_ms(client, ["/", *PAGES.values()])
    dashboard = measured["/"][0]
    lines, worst = [], 0.0
    for name, url in PAGES.items():
        took, size = measured[url]
        worst = max(worst, took / dashboard)
        lines.append(f"{name} {took:.0f} ms ({took / dashboard:.2f}x, {size / 1024:.0f} KB)")
    from django.db import connection

    return (
        f"[{connection.vendor}] list pages at demo --scale {SCALE}, median of {ROUNDS} "
        f"interleaved rounds: dashboard {dashboard:.0f} ms; "
        + "; ".join(lines)
        + f". Worst {worst:.2f}x (goal <= 2x)"
    )
