"""Login throttling: after too many wrong passwords for one account, or from one address,
within a window, further attempts are refused until the window ends — the right password
too, so guessing gains nothing — and refused before the password is hashed, so a flood of
attempts no longer slows every page."""

import datetime as dt
import math

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone

from aftercast.core.models import LoginFailures

WINDOW = dt.timedelta(minutes=15)
# Wrong passwords within the window: for one username from one address (a person guessing);
# for one username from anywhere (guessing spread over many addresses: high, so a stranger
# cannot lock an owner out with a handful of tries); from one address, whatever the username.
PER_ACCOUNT_HERE = 5
PER_ACCOUNT = 50
PER_ADDRESS = 30


def client_address(request: HttpRequest) -> str:
    """The address the request came from; behind a proxy (BEHIND_PROXY), the one the proxy
    saw: the last address of X-Forwarded-For, the only one no client can forge."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    account = username.strip().lower()
    return [(f"account:{account}@{address}"[:200], PER_ACCOUNT_HERE),
            (f"account:{account}"[:200], PER_ACCOUNT),
            (f"address:{address}"[:200], PER_ADDRESS)]  # fmt: skip


def minutes_blocked(username: str, address: str, *, now: dt.datetime | None = None) -> int:
    """Minutes left before another attempt is accepted; 0 when one is accepted now."""
    now = now or timezone.now()
    left = dt.timedelta(0)
    rows = {row.key: row for row in LoginFailures.objects.filter(
        key__in=[key for key, _most in _keys(username, address)])}  # fmt: skip
    for key, most in _keys(username, address):
        row = rows.get(key)
        if row is not None and row.failures >= most and now - row.window_start < WINDOW:
            left = max(left, row.window_start + WINDOW - now)
    return math.ceil(left.total_seconds() / 60)


def record_failure(username: str, address: str, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    for key, _most in _keys(username, address):
        with transaction.atomic():
            updated = LoginFailures.objects.filter(key=key, window_start__gt=now - WINDOW).update(
                failures=F("failures") + 1
            )
            if updated:
                continue
            try:  # a new window: the count starts again
                with transaction.atomic():
                    LoginFailures.objects.update_or_create(
                        key=key, defaults={"failures": 1, "window_start": now}
                    )
            except IntegrityError:  # another server started it at the same moment
                LoginFailures.objects.filter(key=key).update(failures=F("failures") + 1)


def record_success(username: str, address: str) -> None:
    """The account's counts start again; the address's stays (it may be guessing others)."""
    LoginFailures.objects.filter(
        key__in=[key for key, _most in _keys(username, address)[:2]]
    ).delete()


def unlock(username: str) -> int:
    """Lift every lock on an account (an administrator's `aftercast unlock USERNAME`)."""
    account = f"account:{username.strip().lower()}"
    found = LoginFailures.objects.filter(Q(key=account) | Q(key__startswith=f"{account}@"))
    return found.delete()[0]
