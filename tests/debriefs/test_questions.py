"""The blameless questions: kept by key and read in the reader's language, answered by roles or
teams, with a warning when an answer names a person."""

from django.urls import reverse

from aftercast.debriefs import questions
from aftercast.debriefs.models import Debrief
from tests.pages import get_as


def test_answers_are_kept_by_key_with_who_gave_them_and_read_in_russian(
    client, workspace, campaign, bob, vera
):
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    url = reverse("debriefs:answers", args=[debrief.pk])
    form = get_as(client, bob, url, "ru").content.decode()
    assert "Все ли понимали цель?" in form
    client.force_login(bob)
    refused = client.post(url, {"who": ""}, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Обязательное поле" in refused
    client.post(url, {"who": "RU market team", "goal_understood": "Read as engagement."})
    client.post(url, {"who": "Brand team", "goal_understood": "Conversions, as briefed."})
    debrief.refresh_from_db()
    assert debrief.answers == {"goal_understood": [
        {"who": "RU market team", "answer": "Read as engagement."},
        {"who": "Brand team", "answer": "Conversions, as briefed."},
    ]}  # fmt: skip
    page = get_as(client, bob, reverse("debriefs:detail", args=[debrief.pk]), "ru")
    assert "Все ли понимали цель?" in page.content.decode()
    client.force_login(vera)
    assert client.post(url, {"who": "x", "goal_understood": "y"}).status_code == 403


def test_an_answer_that_names_a_person_gets_a_warning(client, workspace, campaign, bob):
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    client.force_login(bob)
    answered = client.post(
        reverse("debriefs:answers", args=[debrief.pk]),
        {"who": "Brand team", "roadblocks": "bob forgot the tracking link"},
        follow=True,
    )
    assert "The answers name bob" in answered.content.decode()
    assert questions.people_named(workspace.pk, ["The account manager forgot"]) == []


def test_old_answers_under_english_text_still_show_under_their_question(workspace):
    shown = questions.answered({"Were the roles understood?": "Yes", "Custom?": "Maybe"})
    assert [q.key for q, _items in shown] == ["roles_understood", "Custom?"]
