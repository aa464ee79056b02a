"""The debrief's timeline and action items, added in the app; open and overdue action items on
a workspace list and the dashboard."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from aftercast.debriefs.models import ActionItem, Debrief, EventKind
from tests.pages import get_as


def test_events_and_actions_are_added_and_done_by_editors(client, workspace, campaign, bob, vera):
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    detail = reverse("debriefs:detail", args=[debrief.pk])
    client.force_login(bob)
    client.post(reverse("debriefs:event", args=[debrief.pk]), {
        "happened_on": campaign.starts_on.isoformat(), "kind": EventKind.TRACKING,
        "description": "The tracking pixel was never set in RU",
    })  # fmt: skip
    refused = client.post(reverse("debriefs:event", args=[debrief.pk]),
                          {"happened_on": "", "kind": "other", "description": ""},
                          follow=True, HTTP_ACCEPT_LANGUAGE="ru")  # fmt: skip
    assert "Обязательное поле" in refused.content.decode()
    late = timezone.localdate() - dt.timedelta(days=3)
    client.post(reverse("debriefs:action", args=[debrief.pk]), {
        "description": "Test every tracking link before launch", "owner": "RU market team",
        "due_on": late.isoformat(),
    })  # fmt: skip
    (event,) = debrief.timeline.all()
    assert event.kind == EventKind.TRACKING
    (item,) = ActionItem.objects.all()
    page = get_as(client, bob, detail, "ru").content.decode()
    assert "Проблема с трекингом" in page and "просрочено" in page
    home = get_as(client, bob, reverse("home:home")).content.decode()
    assert "Overdue action items" in home and "Test every tracking link" in home
    listed = get_as(client, bob, reverse("debriefs:actions") + "?show=overdue").content.decode()
    assert "Test every tracking link" in listed
    client.force_login(vera)
    assert (
        client.post(reverse("debriefs:action_done", args=[item.pk]), {"done": "1"}).status_code
        == 403
    )
    client.force_login(bob)
    client.post(reverse("debriefs:action_done", args=[item.pk]), {"done": "1", "next": "list"})
    item.refresh_from_db()
    assert item.done
    assert "Overdue action items" not in get_as(client, bob, reverse("home:home")).content.decode()


def test_events_logged_while_the_campaign_runs_open_its_debrief_timeline(client, workspace, bob):
    from aftercast.debriefs.services import start_debrief
    from tests import factories

    campaign = factories.campaign(workspace, markets=("US",))
    client.force_login(bob)
    page = client.get(reverse("campaigns:detail", args=[campaign.slug])).text
    assert "Log what happens while it runs" in page
    today = timezone.localdate()
    client.post(reverse("debriefs:campaign_event", args=[campaign.slug]), {
        "happened_on": today.isoformat(), "kind": "absence",
        "description": "The art department is out sick this week"})  # fmt: skip
    refused = client.post(reverse("debriefs:campaign_event", args=[campaign.slug]), {
        "happened_on": (campaign.ends_on + dt.timedelta(days=400)).isoformat(), "kind": "other",
        "description": "Too early"}, follow=True)  # fmt: skip
    assert "That day has not come yet." in refused.text
    campaign.ends_on = today - dt.timedelta(days=1)
    campaign.starts_on = today - dt.timedelta(days=20)
    campaign.save()
    debrief = start_debrief(campaign)
    (event,) = debrief.timeline.all()
    assert (event.kind, event.description) == (
        "absence",
        "The art department is out sick this week",
    )


def test_check_in_actions_share_the_workspace_list_and_the_dashboard(client, workspace, bob):
    from aftercast.checkins.models import CheckIn, CheckInAction
    from aftercast.checkins.services import ActionSpec, hold_checkin
    from tests import factories

    campaign = factories.campaign(workspace, markets=("RU",))
    campaign.starts_on = timezone.localdate() - dt.timedelta(days=10)
    campaign.save()
    piece = campaign.markets.get()
    held = timezone.localdate() - dt.timedelta(days=5)
    checkin = CheckIn.objects.create(workspace=workspace, campaign_market=piece, scheduled_on=held)
    due = timezone.localdate() - dt.timedelta(days=2)
    hold_checkin(checkin, held_on=held,
                 actions=[ActionSpec("Pin the promo code in the comments", "RU market team",
                                     due)])  # fmt: skip
    (action,) = CheckInAction.objects.all()
    home = get_as(client, bob, reverse("home:home")).content.decode()
    assert "Pin the promo code in the comments" in home
    listed = get_as(client, bob, reverse("debriefs:actions") + "?show=overdue").content.decode()
    assert "Pin the promo code in the comments" in listed and "Check-in RU" in listed
    assert reverse("checkins:action_done", args=[action.pk]) in listed
    client.post(reverse("checkins:action_done", args=[action.pk]), {"done": "1", "next": "list"})
    action.refresh_from_db()
    assert action.done
    assert "Pin the promo code" not in get_as(client, bob, reverse("home:home")).content.decode()
