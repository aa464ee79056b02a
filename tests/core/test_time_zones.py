"""Times are shown in the member's time zone, else the workspace's."""

import datetime as dt
import re

from django.urls import reverse

from aftercast.campaigns.models import Deliverable
from aftercast.core import services
from tests import factories
from tests.pages import get_as


def test_a_post_time_follows_the_member_then_the_workspace(client, workspace, campaign, alice):
    link = factories.partnership(
        campaign.markets.get(market__code="RU"), factories.creator(workspace)
    )
    post = factories.deliverable(link)
    moment = dt.datetime(2027, 6, 5, 16, 0, tzinfo=dt.UTC)
    Deliverable.objects.filter(pk=post.pk).update(planned_at=moment)
    url = reverse("campaigns:detail", args=[campaign.slug])
    assert (
        "4:00\u202fPM" in get_as(client, alice, url).content.decode()
        or "4:00 PM" in get_as(client, alice, url).content.decode()
    )
    services.workspace_set_time_zone(workspace=workspace, zone="America/New_York")
    assert re.search(r"Jun 5, 2027, 12:00\W*PM", get_as(client, alice, url).content.decode())
    services.user_set_time_zone(user=alice, zone="Europe/Moscow")
    assert "5 июн. 2027\u202fг., 19:00" in get_as(client, alice, url, "ru").content.decode()


def test_the_preferences_page_keeps_a_members_zone_and_refuses_nonsense(client, workspace, bob):
    client.force_login(bob)
    assert (
        client.post(reverse("core:preferences"), {"timezone": "Europe/Moscow"}).status_code == 302
    )
    bob.profile.refresh_from_db()
    assert bob.profile.timezone == "Europe/Moscow"
    response = client.post(reverse("core:preferences"), {"timezone": "Mars/Olympus"})
    assert response.status_code == 200 and bob.profile.timezone == "Europe/Moscow"


def test_time_zones_are_offered_by_city_and_country_in_the_readers_language(client, workspace, bob):
    page = get_as(client, bob, reverse("core:preferences"), "ru").content.decode()
    assert "UTC+03:00 · Москва (Россия)" in page
    assert "Нью-Йорк (Соединенные Штаты)" in page
    assert "Europe/Moscow" in page  # the value stored stays the IANA name
    english = get_as(client, bob, reverse("core:preferences")).content.decode()
    assert "UTC+03:00 · Moscow (Russia)" in english


def test_a_zone_chosen_under_an_old_name_stays_selectable(client, workspace, bob):
    services.user_set_time_zone(user=bob, zone="US/Eastern")
    page = get_as(client, bob, reverse("core:preferences")).content.decode()
    assert re.search(r'<option value="US/Eastern" selected>UTC-0[45]:00 · New York', page)
