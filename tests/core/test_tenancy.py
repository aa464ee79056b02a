"""Every tenant table carries its workspace, so the data can later be distributed by workspace."""

from django.apps import apps

from aftercast.campaigns.models import Campaign
from aftercast.core.permissions import get_visible_or_404, in_workspace, visible
from tests import factories

SHARED_REFERENCE_TABLES = {"catalog.market", "catalog.platform", "core.workspace"}
PER_USER_TABLES = {"core.userprofile"}
# Counted before anyone is logged in, so before any workspace is known: no tenant data.
LOGIN_TABLES = {"core.loginfailures"}


def test_every_aftercast_table_carries_a_workspace():
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("aftercast."):
            continue
        label = model._meta.label_lower
        if label in SHARED_REFERENCE_TABLES | PER_USER_TABLES | LOGIN_TABLES:
            continue
        if "workspace" not in {field.name for field in model._meta.fields}:
            missing.append(label)
    assert not missing


def test_visible_keeps_only_the_users_workspaces(campaign, rival_campaign, alice, charlie):
    assert list(visible(Campaign.objects.all(), alice)) == [campaign]
    assert list(visible(Campaign.objects.all(), charlie)) == [rival_campaign]


def test_soft_deleted_objects_are_hidden(campaign, alice, workspace):
    from django.http import Http404
    from django.utils import timezone

    Campaign.objects.filter(pk=campaign.pk).update(deleted_at=timezone.now())
    assert not in_workspace(Campaign.objects.all(), workspace).exists()
    try:
        get_visible_or_404(Campaign.objects.all(), alice, pk=campaign.pk)
    except Http404:
        pass
    else:
        raise AssertionError("a deleted campaign must answer 404")


def test_a_member_of_two_workspaces_sees_both(alice, campaign, other_workspace):
    factories.workspace("Second", {alice: "viewer"})
    second = factories.campaign(alice.memberships.get(workspace__name="Second").workspace)
    assert set(visible(Campaign.objects.all(), alice)) == {campaign, second}
