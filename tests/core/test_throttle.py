"""Login throttling: five wrong passwords lock the account for the window, the right one
included; thirty from one address lock the address whatever the username; every app server
sees the same counts (they are in the database)."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aftercast.core.models import LoginFailures
from aftercast.core.throttle import PER_ACCOUNT_HERE, PER_ADDRESS
from tests import factories


def _login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(reverse("core:login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)  # fmt: skip


def test_an_account_is_locked_after_too_many_wrong_passwords(db):
    factories.user("olga", "Right-pass-2026")
    client = Client()
    for _attempt in range(PER_ACCOUNT_HERE):
        wrong = _login(client, "olga", "guess")
        assert "Please try again" in wrong.content.decode()
    locked = _login(client, "OLGA", "Right-pass-2026")  # the right one, any case
    assert locked.status_code == 200 and "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    with_russian = Client(HTTP_ACCEPT_LANGUAGE="ru")
    assert "Слишком много" in _login(with_russian, "olga", "x").content.decode()
    LoginFailures.objects.update(window_start=timezone.now() - dt.timedelta(minutes=16))
    assert _login(client, "olga", "Right-pass-2026").status_code == 302  # the window ended
    assert not LoginFailures.objects.filter(key__startswith="account:olga").exists()  # again


def test_a_stranger_elsewhere_cannot_lock_the_owner_out(db):
    from io import StringIO

    from django.core.management import call_command

    factories.user("owner", "Right-pass-2026")
    client = Client()
    for _attempt in range(PER_ACCOUNT_HERE + 2):
        _login(client, "owner", "guess", address="203.0.113.9")
    assert "Too many" in _login(client, "owner", "Right-pass-2026", "203.0.113.9").content.decode()
    assert _login(Client(), "owner", "Right-pass-2026", "10.0.0.7").status_code == 302
    for _attempt in range(PER_ACCOUNT_HERE + 2):
        _login(client, "owner", "guess", address="203.0.113.9")
    out = StringIO()
    call_command("unlock", "OWNER", stdout=out)  # an administrator lifts it
    assert "unlocked" in out.getvalue()
    assert _login(Client(), "owner", "Right-pass-2026", "203.0.113.9").status_code == 302


def test_an_address_guessing_many_accounts_is_locked(db):
    factories.user("ivan", "Right-pass-2026")
    client = Client()
    for n in range(PER_ADDRESS):
        _login(client, f"user{n}", "guess", address="10.9.9.9")
    assert (
        "Too many failed" in _login(client, "ivan", "Right-pass-2026", "10.9.9.9").content.decode()
    )
    assert _login(client, "ivan", "Right-pass-2026", "10.1.1.1").status_code == 302
