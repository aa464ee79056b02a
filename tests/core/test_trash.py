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
    assert "it can be brought back:" in done.content.decode()
    assert reverse("core:removed") in done.content.decode()
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
