"""Whether a background worker is alive: it leaves a heartbeat the import pages read."""

import threading
import time

from django.core.cache import cache

KEY = "aftercast-worker-heartbeat"
EVERY = 10  # seconds between heartbeats
SEEN_WITHIN = 60


def beat() -> None:
    cache.set(KEY, time.time(), SEEN_WITHIN * 10)


def worker_seen_recently() -> bool:
    seen = cache.get(KEY)
    return seen is not None and time.time() - seen < SEEN_WITHIN


def start_heartbeat() -> threading.Thread:
    """Beat every few seconds for as long as the worker process lives."""

    def loop() -> None:
        while True:
            beat()
            time.sleep(EVERY)

    thread = threading.Thread(target=loop, name="worker-heartbeat", daemon=True)
    thread.start()
    return thread
