"""Removing a creator, a learning or a case study can be undone: it leaves every list, page
and the API at once, "Recently removed" keeps it with who removed it in its history, and an
editor (never a viewer) brings it back as it was."""

from django.urls import reverse

from aftercast.core.models import EditRecord
from aftercast.learnings.models import Learning
from aftercast.learnings.services import create_learning
from aftercast.reports.services import generate_case_study
from tests import factories


def test_a_learning_is_removed_and_restored(client, workspace, bob, vera):
    rule = create_learning(workspace=workspace, user=bob, statement_en="Codes cut CAC for mid-tier")
    remove = reverse("core:remove", args=["learning", rule.pk])
    client.force_login(vera)
    assert client.post(remove).status_code == 403  # a viewer cannot
    client.force_login(bob)
    assert "Yes, remove" in client.get(reverse("learnings:detail", args=[rule.pk])).content.decode()
    done = client.post(remove, follow=True)
    assert "“Codes cut CAC for mid-tier” was removed." in done.content.decode()
    assert reverse("core:removed") in done.content.decode()
    # The message's Undo button restores it at once.
    assert reverse("core:restore", args=["learning", rule.pk]) in done.content.decode()
    assert client.get(reverse("learnings:detail", args=[rule.pk])).status_code == 404
    assert "Codes cut CAC" not in client.get(reverse("learnings:list")).content.decode()
    assert (
        "Codes cut CAC" not in client.get(reverse("learnings:list") + "?q=codes").content.decode()
    )
    removed = client.get(reverse("core:removed")).content.decode()
    assert "Codes cut CAC" in removed and "Restore" in removed
    assert EditRecord.objects.filter(object_id=rule.pk, action="deleted", user=bob).exists()
    client.force_login(vera)
    restore = reverse("core:restore", args=["learning", rule.pk])
    assert client.post(restore).status_code == 403
    client.force_login(bob)
    back = client.post(restore, follow=True)
    assert back.status_code == 200 and "Codes cut CAC" in back.content.decode()
    assert Learning.objects.get(pk=rule.pk).deleted_at is None
    assert EditRecord.objects.filter(object_id=rule.pk, action="restored").exists()


def test_a_removed_case_study_closes_its_share_links(client, workspace, campaign, bob):
    from django.test import Client

    from aftercast.core.links import token_of
    from aftercast.reports import sharing

    study = generate_case_study(campaign, audience="both")
    study.status = "published"
    study.save()
    link = sharing.share_case_study(study)
    url = reverse("shared_case_study", args=[token_of(link)])
    assert Client().get(url).status_code == 200
    client.force_login(bob)
    client.post(reverse("core:remove", args=["case-study", study.pk]))
    assert Client().get(url).status_code == 410
    client.post(reverse("core:restore", args=["case-study", study.pk]))
    assert Client().get(url).status_code == 200


def test_a_creator_removed_from_the_catalogue_comes_back(client, workspace, bob, charlie):
    person = factories.creator(workspace, "Ольга Орлова")
    client.force_login(bob)
    client.post(reverse("catalog:creator_edit", args=[person.pk]), {"remove": "1"})
    assert "Ольга Орлова" not in client.get(reverse("catalog:creators")).content.decode()
    client.force_login(charlie)  # another workspace's owner
    assert "Ольга Орлова" not in client.get(reverse("core:removed")).content.decode()
    assert client.post(reverse("core:restore", args=["creator", person.pk])).status_code == 404
    client.force_login(bob)
    client.post(reverse("core:restore", args=["creator", person.pk]))
    assert "Ольга Орлова" in client.get(reverse("catalog:creators")).content.decode()


def test_a_link_to_something_removed_says_so_to_its_workspace_only(
    client, workspace, bob, vera, charlie
):
    person = factories.creator(workspace, "Ольга Орлова")
    page = reverse("catalog:creator", args=[person.pk])
    client.force_login(bob)
    client.post(reverse("core:remove", args=["creator", person.pk]))
    # An old link (a campaign's row, a bookmark) explains itself and offers the way back.
    gone = client.get(page, HTTP_ACCEPT_LANGUAGE="ru")
    text = gone.content.decode()
    assert gone.status_code == 404 and "Ольга Орлова" in text and "bob" in text
    assert "Удалено" in text and reverse("core:restore", args=["creator", person.pk]) in text
    client.force_login(vera)  # a viewer reads why, without the button
    text = client.get(page).content.decode()
    assert "Removed" in text and reverse("core:restore", args=["creator", person.pk]) not in text
    client.force_login(charlie)  # another workspace learns nothing, not even the name
    gone = client.get(page)
    assert gone.status_code == 404 and "Ольга" not in gone.content.decode()
    missing = reverse("catalog:creator", args=[person.pk + 1000])
    client.force_login(bob)
    assert client.get(missing).status_code == 404


def test_a_campaign_is_removed_with_its_parts_and_restored_as_it_was(
    client, workspace, alice, bob, vera
):
    from aftercast.api.services import api_token_create
    from aftercast.campaigns.models import Campaign, Partnership
    from aftercast.debriefs.services import start_debrief
    from aftercast.learnings.models import LearningEvidence
    from aftercast.metrics.models import Observation
    from aftercast.reports.models import CaseStudy
    from tests.debriefs.test_starting import finished_contrast_campaign

    campaign = finished_contrast_campaign(workspace)
    campaign.name = "Tangerine launch"
    campaign.save()
    debrief = start_debrief(campaign)
    rule = create_learning(workspace=workspace, user=bob, statement_en="Contrast lifts clicks",
                           findings=list(debrief.findings.all()))  # fmt: skip
    studies = [generate_case_study(campaign, audience="both") for _ in range(2)]
    client.force_login(bob)
    client.post(reverse("core:remove", args=["case-study", studies[1].pk]))  # on its own, first
    page = reverse("campaigns:detail", args=[campaign.slug])
    assert "Remove the campaign with everything in it" in client.get(page).content.decode()
    client.force_login(vera)
    assert client.post(reverse("core:remove", args=["campaign", campaign.pk])).status_code == 403
    client.force_login(bob)
    done = client.post(reverse("core:remove", args=["campaign", campaign.pk]), follow=True)
    assert "“Tangerine launch” was removed." in done.content.decode()  # with its Undo

    # Gone from every list, page, the API and the learnings' evidence; its parts with it.
    assert "Tangerine" not in client.get(reverse("campaigns:list")).content.decode()
    assert "Tangerine" not in client.get(reverse("debriefs:list")).content.decode()
    gone = client.get(page)
    assert gone.status_code == 404 and "Removed" in gone.content.decode()
    assert client.get(reverse("debriefs:detail", args=[debrief.pk])).status_code == 404
    assert client.get(reverse("reports:detail", args=[studies[0].pk])).status_code == 404
    token = api_token_create(user=bob, workspace=workspace, name="BI")[1]
    listed = client.get("/api/v1/campaigns", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert "Tangerine" not in str(listed)
    assert not LearningEvidence.objects.filter(learning=rule, deleted_at__isnull=True).exists()
    assert not Partnership.objects.filter(campaign_market__campaign=campaign,
                                          deleted_at__isnull=True).exists()  # fmt: skip
    assert "Tangerine launch" in client.get(reverse("core:removed")).content.decode()

    # Restored: everything that went with it comes back, the study removed before it does not.
    back = client.post(reverse("core:restore", args=["campaign", campaign.pk]), follow=True)
    assert back.status_code == 200 and "Tangerine launch" in back.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).deleted_at is None
    assert client.get(reverse("debriefs:detail", args=[debrief.pk])).status_code == 200
    assert LearningEvidence.objects.filter(learning=rule, deleted_at__isnull=True).exists()
    assert not Observation.objects.filter(partnership__campaign_market__campaign=campaign,
                                          deleted_at__isnull=False).exists()  # fmt: skip
    kept = dict(CaseStudy.objects.filter(campaign=campaign).values_list("pk", "deleted_at"))
    assert kept[studies[0].pk] is None and kept[studies[1].pk] is not None
    actions = list(EditRecord.objects.filter(object_id=campaign.pk, content_type__model="campaign")
                   .values_list("action", flat=True))  # fmt: skip
    assert "deleted" in actions and "restored" in actions
