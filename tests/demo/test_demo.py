"""The demo data set looks like the seeds' world, is deterministic, idempotent and scalable."""

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from aftercast.campaigns.models import Campaign, Deliverable
from aftercast.catalog.models import Creator, CreatorAccount
from aftercast.catalog.tiers import Tier
from aftercast.core.models import Workspace
from aftercast.debriefs.models import MarketVerdict
from aftercast.demo import build
from aftercast.metrics.models import Comment, Observation


def fingerprint() -> str:
    """Hash what the generator chose, leaving out database ids and creation times."""
    parts = [
        *Creator.objects.order_by("name", "pk").values_list("name", "market__code"),
        *CreatorAccount.objects.order_by("handle").values_list("handle", "followers"),
        *Campaign.objects.order_by("slug").values_list("slug", "starts_on", "status"),
        *Observation.objects.order_by(
            "partnership__account__handle", "deliverable__planned_at", "observed_on", "metric"
        ).values_list("metric", "value"),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@pytest.fixture
def demo(db):
    return build.build(seed=42)


def test_it_covers_two_years_markets_tiers_and_platforms(demo):
    campaigns = Campaign.objects.filter(workspace=demo)
    assert campaigns.count() >= 12
    first = min(c.starts_on for c in campaigns)
    assert timezone.localdate() - first >= dt.timedelta(days=690)
    codes = set(campaigns.values_list("markets__market__code", flat=True))
    assert {"RU", "US", "KZ"} <= codes
    assert Creator.objects.filter(workspace=demo).count() >= 60
    accounts = CreatorAccount.objects.filter(workspace=demo)
    assert {a.tier for a in accounts} == set(Tier)
    platforms = set(accounts.values_list("platform__slug", flat=True))
    assert {"instagram", "tiktok", "youtube", "vk", "telegram"} <= platforms


def test_some_campaigns_are_finished_some_live_some_planned(demo):
    statuses = set(Campaign.objects.filter(workspace=demo).values_list("status", flat=True))
    assert {"finished", "live", "planned"} <= statuses


def test_a_campaign_succeeded_in_one_market_and_failed_in_the_other(demo):
    split = [
        campaign
        for campaign in Campaign.objects.filter(workspace=demo, debrief__isnull=False)
        if {"hit", "missed"}
        <= set(
            MarketVerdict.objects.filter(debrief__campaign=campaign).values_list(
                "verdict", flat=True
            )
        )
    ]
    assert split, "the seeds' RU-engaged-but-not-converting vs US-converting story is missing"


def test_mediocre_campaigns_exist_too(demo):
    assert MarketVerdict.objects.filter(workspace=demo, verdict="partial").exists()


def test_comments_in_both_languages_and_daily_observations(demo):
    languages = set(Comment.objects.filter(workspace=demo).values_list("language", flat=True))
    assert languages == {"ru", "en"}
    russian = Comment.objects.filter(workspace=demo, language="ru").first()
    assert any("а" <= char <= "я" for char in russian.text.lower())
    post = Deliverable.objects.filter(
        workspace=demo,
        published_at__isnull=False,
        partnership__campaign_market__campaign__status="finished",
    ).first()
    days = sorted(set(post.observations.values_list("observed_on", flat=True)))
    assert len(days) >= 10
    assert all((b - a).days == 1 for a, b in zip(days, days[1:], strict=False))


def test_live_campaigns_have_no_numbers_from_today_or_later(demo):
    today = timezone.localdate()
    assert not Observation.objects.filter(workspace=demo, observed_on__gte=today).exists()


def test_the_same_seed_gives_the_same_data_and_another_seed_differs(db):
    build.build(seed=7)
    first = fingerprint()
    build.reset()
    build.build(seed=7)
    assert fingerprint() == first
    build.reset()
    build.build(seed=8)
    assert fingerprint() != first


def test_running_the_command_twice_changes_nothing(db):
    call_command("demo", stdout=StringIO())
    counts = (Campaign.objects.count(), Observation.objects.count(), Creator.objects.count())
    out = StringIO()
    call_command("demo", stdout=out)
    assert (
        Campaign.objects.count(),
        Observation.objects.count(),
        Creator.objects.count(),
    ) == counts
    assert "aftercast-demo" in out.getvalue()


def test_scale_multiplies_the_volume(db):
    build.build(seed=1, scale=2)
    demo = Workspace.objects.get(slug="northwind")
    assert Campaign.objects.filter(workspace=demo).count() == 26
    assert Creator.objects.filter(workspace=demo).count() == 128


def test_it_rejects_a_scale_below_one(db):
    with pytest.raises(CommandError, match="--scale"):
        call_command("demo", scale=0, stdout=StringIO())


def test_the_demo_users_can_log_in(client, demo):
    assert client.login(username="demo", password="aftercast-demo")
    assert client.get("/campaigns/").status_code == 200


def test_it_refuses_a_database_holding_a_teams_workspaces(db):
    from tests import factories

    factories.workspace("Real team")
    with pytest.raises(CommandError, match="Real team"):
        call_command("demo", stdout=StringIO())
    assert not Workspace.objects.filter(slug="northwind").exists()
    call_command("demo", force=True, stdout=StringIO())
    assert Workspace.objects.filter(slug="northwind").exists()
