"""API tokens end: on the date they were given, when the password changes, when the member
leaves the workspace (removed in the app, by an owner)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from aftercast.api.models import ApiToken
from aftercast.api.services import api_token_create
from aftercast.core.models import Membership


def _get(client, token: str):
    return client.get("/api/v1/campaigns", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_with_an_expiry_stops_on_that_day(client, workspace, bob):
    token, plain = api_token_create(user=bob, workspace=workspace, name="BI", days=30)
    assert token.expires_at > timezone.now() + dt.timedelta(days=29)
    assert _get(client, plain).status_code == 200
    client.force_login(bob)  # revoking asks first: scripts using it stop at once
    page = client.get(reverse("api_tokens:list")).content.decode()
    assert 'data-confirm="Revoke the token “BI”?' in page
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _get(client, plain).status_code == 401
    client.force_login(bob)
    assert "expired" in client.get(reverse("api_tokens:list")).content.decode()


def test_a_new_password_revokes_every_token(client, workspace, bob):
    _token, plain = api_token_create(user=bob, workspace=workspace, name="BI")
    bob.first_name = "Bob"  # saving anything else keeps them
    bob.save()
    assert _get(client, plain).status_code == 200
    bob.set_password("A-new-pass-2026")
    bob.save()
    assert _get(client, plain).status_code == 401
    assert ApiToken.objects.get(user=bob).revoked_at is not None


def test_an_owner_removes_a_member_and_their_tokens_end(client, workspace, alice, bob, vera):
    _token, plain = api_token_create(user=bob, workspace=workspace, name="BI")
    bobs = Membership.objects.get(workspace=workspace, user=bob)
    client.force_login(vera)  # a viewer cannot
    assert client.post(reverse("core:member_update", args=[bobs.pk]),
                       {"remove": "1"}).status_code == 403  # fmt: skip
    client.force_login(alice)
    done = client.post(reverse("core:member_update", args=[bobs.pk]), {"remove": "1"}, follow=True)
    assert "bob is no longer a member" in done.content.decode()
    assert not Membership.objects.filter(workspace=workspace, user=bob).exists()
    assert _get(client, plain).status_code == 401
    alices = Membership.objects.get(workspace=workspace, user=alice)
    last = client.post(
        reverse("core:member_update", args=[alices.pk]), {"remove": "1"}, follow=True
    )
    assert "needs at least one owner" in last.content.decode()


def test_a_new_token_is_shown_once_and_never_cached(client, workspace, bob):
    client.force_login(bob)
    url = reverse("api_tokens:list")
    made = client.post(url, {"name": "BI", "workspace": workspace.pk, "days": ""})
    assert made.status_code == 302  # a reload of the page makes no second token
    shown = client.get(url)
    assert "ac_" in shown.content.decode() and "no-store" in shown["Cache-Control"]
    assert 'id="new-token"' not in client.get(url).content.decode()  # once
    assert ApiToken.objects.filter(user=bob).count() == 1
