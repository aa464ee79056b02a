"""Recording a check-in: in the service, the web form and the API, with the flags of that day
kept in both languages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from aftercast.checkins import services
from aftercast.checkins.models import CheckIn, CheckInStatus
from tests import factories
from tests.api.test_planning_api import send, tokens  # noqa: F401 (a fixture)
from tests.pages import get_as


@pytest.fixture
def checkin(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    piece = campaign.markets.get()
    factories.brief(piece, "conversion_rate", "0.03")
    return CheckIn.objects.create(
        workspace=workspace, campaign_market=piece, scheduled_on=timezone.localdate()
    )


def test_holding_keeps_the_flags_of_that_day_in_both_languages(checkin):
    due = timezone.localdate() + dt.timedelta(days=7)
    services.hold_checkin(
        checkin,
        attendees="Eva, Jake",
        summary="Conversions lag in week one",
        actions=[services.ActionSpec("Re-brief Jake", "Eva", due)],
    )
    checkin.refresh_from_db()
    assert checkin.status == CheckInStatus.HELD and checkin.held_on == timezone.localdate()
    (sentiment,) = [f for f in checkin.health["flags"] if f["signal"] == "sentiment"]
    assert sentiment["reason"] == {
        "en": "No audience comments imported yet.",
        "ru": "Комментарии аудитории ещё не загружены.",
    }
    (action,) = checkin.actions.all()
    assert (action.description, action.owner, action.due_on) == ("Re-brief Jake", "Eva", due)
    assert (
        services.flags_of(checkin, "ru")[0]["reason"]
        != services.flags_of(checkin, "en")[0]["reason"]
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": timezone.localdate() + dt.timedelta(days=1)}, "held_on"),
        ({"held_on": timezone.localdate() - dt.timedelta(days=60)}, "held_on"),
        ({"summary": "", "decisions": ""}, "__all__"),
        ({"actions": [services.ActionSpec("  ")]}, "actions"),
        (
            {"actions": [services.ActionSpec("x", due_on=timezone.localdate() - dt.timedelta(1))]},
            "actions",
        ),
    ],
)
def test_a_check_in_that_cannot_have_been_held_is_refused_and_nothing_is_kept(
    checkin, changes, field
):
    values = {"summary": "Found something", **changes}
    with pytest.raises(ValidationError) as caught:
        services.hold_checkin(checkin, **values)
    assert field in caught.value.message_dict
    checkin.refresh_from_db()
    assert checkin.status == CheckInStatus.PLANNED and not checkin.actions.exists()


def test_an_editor_records_it_in_the_app_and_a_viewer_cannot(client, checkin, bob, vera):
    url = reverse("checkins:hold", args=[checkin.pk])
    assert get_as(client, vera, url).status_code == 403
    detail = reverse("checkins:detail", args=[checkin.pk])
    assert url not in get_as(client, vera, detail).content.decode()
    form = get_as(client, bob, url).content.decode()
    assert "Record the check-in" in form and "No audience comments imported yet." in form
    refused = client.post(url, {"held_on": "2000-01-01", "summary": "x"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert "Кампания в тот день ещё не началась." in refused.content.decode()
    response = client.post(
        url,
        {
            "held_on": timezone.localdate().isoformat(),
            "attendees": "Eva",
            "summary": "All on track",
            "action_1": "Share numbers with Jake",
            "owner_1": "Eva",
        },
    )
    assert response.status_code == 302
    page = get_as(client, bob, detail, "ru").content.decode()
    assert "Комментарии аудитории ещё не загружены." in page and "Share numbers with Jake" in page


def test_the_api_reads_health_and_holds_check_ins_by_role(client, checkin, tokens):  # noqa: F811
    slug = checkin.campaign_market.campaign.slug
    health = send(
        client, "get", f"/campaigns/{slug}/markets/us/health", tokens["viewer"], None, "ru"
    )
    assert health.status_code == 200
    assert "Комментарии аудитории ещё не загружены." in [
        f["reason"] for f in health.json()["flags"]
    ]
    body = {"summary": "Lagging", "actions": [{"description": "Re-brief", "owner": "Eva"}]}
    assert (
        send(client, "post", f"/checkins/{checkin.pk}/hold", tokens["viewer"], body).status_code
        == 403
    )
    assert (
        send(client, "post", f"/checkins/{checkin.pk}/hold", tokens["outsider"], body).status_code
        == 404
    )
    held = send(client, "post", f"/checkins/{checkin.pk}/hold", tokens["editor"], body)
    assert held.status_code == 200 and held.json()["status"] == "held"
    assert held.json()["flags"]
    again = send(client, "post", f"/checkins/{checkin.pk}/hold", tokens["editor"], body)
    assert again.status_code == 422 and "already recorded" in again.content.decode()
    checkin.refresh_from_db()
    assert checkin.actions.count() == 1


def test_the_dashboard_links_a_due_check_in_to_its_form(client, checkin, bob, vera):
    form = reverse("checkins:hold", args=[checkin.pk])
    page = get_as(client, bob, reverse("home:home")).content.decode()
    assert form in page and "due" in page
    assert form not in get_as(client, vera, reverse("home:home")).content.decode()


def test_an_action_from_the_playbook_keeps_its_entry(client, checkin, bob):
    """The form starts from the playbook's actions; each keeps the entry it came from."""
    url = reverse("checkins:hold", args=[checkin.pk])
    page = get_as(client, bob, url).content.decode()
    assert 'type="hidden" name="playbook_1"' in page
    form = {"held_on": timezone.localdate().isoformat(), "summary": "Behind",
            "action_1": "Call them", "playbook_1": "behind_target",
            "action_2": "Own words", "playbook_2": ""}  # fmt: skip
    assert client.post(url, form).status_code == 302
    kept = dict(checkin.actions.values_list("description", "playbook_key"))
    assert kept == {"Call them": "behind_target", "Own words": ""}


def test_sharing_results_after_a_check_in_marks_it_shared(checkin, bob):
    from aftercast.checkins import sharing

    link = factories.partnership(checkin.campaign_market, factories.creator(checkin.workspace))
    services.hold_checkin(checkin, summary="On pace")
    sharing.share_results(link, user=bob)
    checkin.refresh_from_db()
    assert checkin.shared_with_creator_at is not None


def test_a_check_in_opens_in_its_own_workspace_only(client, checkin, bob):
    """A member of two workspaces sees a check-in under the workspace it belongs to."""
    from aftercast.core.models import Role, UserProfile

    other = factories.workspace("Second", {bob: Role.EDITOR})
    url = reverse("checkins:detail", args=[checkin.pk])
    assert get_as(client, bob, url).status_code == 200
    UserProfile.objects.update_or_create(user=bob, defaults={"current_workspace": other})
    assert get_as(client, bob, url).status_code == 404


def test_the_form_refuses_an_owner_without_an_action_and_a_held_check_in(client, checkin, bob):
    url = reverse("checkins:hold", args=[checkin.pk])
    client.force_login(bob)
    form = {"held_on": timezone.localdate().isoformat(), "summary": "Behind", "owner_2": "Victor"}
    refused = client.post(url, form, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 200 and "Напишите, что нужно сделать" in refused.content.decode()
    checkin.refresh_from_db()
    assert checkin.status == CheckInStatus.PLANNED
    form.pop("owner_2")
    assert client.post(url, form).status_code == 302
    assert client.get(url).url == reverse("checkins:detail", args=[checkin.pk])


def test_suggestions_cover_every_flag_before_a_second_action_of_any(workspace):
    from aftercast.checkins.health import Flag, MarketHealth

    report = MarketHealth(piece=None, today=timezone.localdate())  # type: ignore[arg-type]
    report.flags = [
        Flag("performance", "act", "", "behind_target", ("a1", "a2")),
        Flag("sentiment", "watch", "", "negative_sentiment", ("b1", "b2")),
        Flag("focus", "act", "", "wrong_metric", ("c1", "c2")),
    ]
    assert [s.description for s in services.suggested_actions(report)][:3] == ["a1", "c1", "b1"]
