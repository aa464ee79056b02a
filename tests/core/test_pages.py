"""Every page of the shell, for owner, read-only member and outsider, in both languages."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from aftercast.core.history import record_edit
from aftercast.core.models import EditRecord, UserProfile
from tests import factories
from tests.pages import get_as, untranslated_on_russian_page


@pytest.fixture
def world(workspace, campaign):
    person = factories.creator(workspace)
    ru_slice = campaign.markets.get(market__code="RU")
    link = factories.partnership(ru_slice, person)
    factories.observe(link, "reach", 120_000)
    factories.observe(link, "likes", 9_000)
    factories.brief(ru_slice, metric="er_reach", target="0.06")
    return {"creator": person, "campaign": campaign, "partnership": link}


def shell_urls(world) -> list[str]:
    return [
        reverse("home:home"),
        reverse("campaigns:list"),
        reverse("campaigns:detail", args=[world["campaign"].slug]),
        reverse("catalog:creators"),
        reverse("catalog:creator", args=[world["creator"].pk]),
        reverse("core:members"),
        reverse("briefs:list"),
        reverse("checkins:list"),
        reverse("debriefs:list"),
        reverse("learnings:list"),
        reverse("reports:list"),
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("who", ["alice", "vera"])
def test_every_page_answers_members_in_their_language(client, world, who, language, request):
    for url in shell_urls(world):
        response = get_as(client, request.getfixturevalue(who), url, language)
        assert response.status_code == 200, url
        assert response.headers["Content-Language"] == language
        if language == "ru":
            assert untranslated_on_russian_page(response.content.decode()) == [], url


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for url in shell_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("core:login"))


def test_an_outsider_gets_404_for_another_workspaces_campaign_and_creator(client, world, charlie):
    client.force_login(charlie)
    factories.workspace("Mine", {charlie: "owner"})
    assert client.get(reverse("campaigns:detail", args=[world["campaign"].slug])).status_code == 404
    assert client.get(reverse("catalog:creator", args=[world["creator"].pk])).status_code == 404


def test_an_outsider_does_not_see_another_workspaces_campaigns_in_lists(
    client, world, other_workspace, charlie, rival_campaign
):
    response = get_as(client, charlie, reverse("campaigns:list"))
    assert rival_campaign.name in response.content.decode()
    assert world["campaign"].name not in response.content.decode()


def test_the_campaign_page_shows_numbers_formatted_for_the_reader(client, world, alice):
    url = reverse("campaigns:detail", args=[world["campaign"].slug])
    english = get_as(client, alice, url, "en").content.decode()
    russian = get_as(client, alice, url, "ru").content.decode()
    assert "RUB123,456.50" in english or "₽123,456.50" in english
    assert "123\xa0456,50\xa0₽" in russian
    assert "7.50%" in english  # ERR = 9,000 likes / 120,000 reach


def test_the_language_switch_is_remembered_per_user(client, alice, workspace):
    client.force_login(alice)
    response = client.post(reverse("core:set_language"), {"language": "ru", "next": "/campaigns/"})
    assert response.status_code == 302
    assert response.url == "/campaigns/"
    assert UserProfile.objects.get(user=alice).language == "ru"
    # The saved choice beats the browser's header.
    page = client.get(reverse("campaigns:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.headers["Content-Language"] == "ru"


def test_an_unknown_language_falls_back_to_english(client, alice, workspace):
    client.force_login(alice)
    client.post(reverse("core:set_language"), {"language": "xx"})
    assert UserProfile.objects.get(user=alice).language == "en"
    page = client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="xx-YY")
    assert page.headers["Content-Language"] == "en"


def test_the_language_switch_refuses_to_redirect_off_site(client, alice, workspace):
    client.force_login(alice)
    response = client.post(
        reverse("core:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_the_browser_language_is_the_default_before_a_choice(client, alice, workspace):
    page = get_as(client, alice, reverse("home:home"), "ru-RU,ru;q=0.9")
    assert page.headers["Content-Language"] == "ru"


def test_only_owners_change_roles(client, workspace, alice, bob, vera):
    membership = workspace.memberships.get(user=vera)
    client.force_login(bob)
    url = reverse("core:member_update", args=[membership.pk])
    assert client.post(url, {"role": "editor"}).status_code == 403
    client.force_login(alice)
    assert client.post(url, {"role": "editor"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "editor"


def test_the_last_owner_cannot_step_down(client, workspace, alice):
    client.force_login(alice)
    membership = workspace.memberships.get(user=alice)
    client.post(reverse("core:member_update", args=[membership.pk]), {"role": "viewer"})
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_an_owner_adds_a_member_and_learns_no_username(client, workspace, alice, charlie):
    client.force_login(alice)
    said = [
        re.findall(r'class="notice[^"]*"[^>]*>(.*?)</p>', client.post(
            reverse("core:members"), {"username": name, "role": "viewer"}, follow=True,
        ).content.decode().replace(name, "NAME"), re.S)
        for name in ("charlie", "nobody-here")
    ]  # fmt: skip
    assert said[0]
    assert "joins the workspace as soon as someone logs in" in said[0][0]
    assert said[0] == said[1]  # an existing account and a missing one read the same
    assert not workspace.memberships.filter(user=charlie).exists()
    client.force_login(charlie)  # force_login does not send user_logged_in: log in for real
    client.logout()
    client.post(reverse("core:login"), {"username": "charlie", "password": "pass-Word-123"})
    assert workspace.memberships.filter(user=charlie, role="viewer").exists()
    assert list(workspace.invitations.values_list("username", flat=True)) == ["nobody-here"]


def test_history_page_shows_who_changed_what(client, world, alice, vera, charlie):
    brief = world["campaign"].markets.get(market__code="RU").brief
    before = {"content_specs": ""}
    brief.content_specs = "Two reels, high contrast"
    brief.save()
    record_edit(obj=brief, user=alice, before={**before})
    assert EditRecord.objects.filter(object_id=brief.pk).count() == 1
    url = reverse("core:history", args=[ContentType.objects.get_for_model(brief).pk, brief.pk])
    page = get_as(client, vera, url).content.decode()
    assert "alice" in page and "Two reels, high contrast" in page
    client.force_login(charlie)
    assert client.get(url).status_code == 404
