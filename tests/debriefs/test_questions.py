"""The blameless questions: kept by key and read in the reader's language, answered by roles or
teams, with a warning when an answer names a person; each workspace edits its own set."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from aftercast.debriefs import questions
from aftercast.debriefs.models import Debrief
from aftercast.debriefs.services import answer_questions
from tests import factories
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


def test_a_workspace_edits_its_own_question_set_in_both_languages(client, workspace, bob):
    from aftercast.debriefs.models import DebriefQuestion

    client.force_login(bob)
    page = client.get(reverse("debriefs:questions"))
    assert page.status_code == 200 and "Did everyone understand the goal?" in page.text
    rows = questions.editable_rows(workspace.pk)
    data = {"q-TOTAL_FORMS": len(rows) + 1, "q-INITIAL_FORMS": len(rows)}
    for number, row in enumerate(rows):
        for name in ("key", "group", "text_en", "text_ru"):
            data[f"q-{number}-{name}"] = row[name]
        data[f"q-{number}-active"] = "on" if row["key"] != "extra_people" else ""
    new = len(rows)
    data.update({f"q-{new}-group": "next", f"q-{new}-text_en": "Was the budget enough?",
                 f"q-{new}-active": "on"})  # fmt: skip
    refused = client.post(reverse("debriefs:questions"), data)
    assert "Write the question in both English and Russian." in refused.text
    assert not DebriefQuestion.objects.exists()  # nothing half-saved
    data[f"q-{new}-text_ru"] = "Хватило ли бюджета?"
    client.post(reverse("debriefs:questions"), data)
    asked = questions.question_set(workspace.pk)
    assert [q.key for q in asked][-1] == "was-the-budget-enough"
    assert "extra_people" not in {q.key for q in asked}
    with translation.override("ru"):
        assert questions.question_set(workspace.pk)[-1].text == "Хватило ли бюджета?"
        assert str(questions.question_set(workspace.pk)[0].group) == "Взаимодействие"


def test_answers_follow_the_workspace_set_and_survive_a_question_no_longer_asked(workspace):
    campaign = factories.campaign(workspace, markets=("US",))
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    rows = questions.editable_rows(workspace.pk)
    rows.append({"key": "", "group": "next", "text_en": "Was the budget enough?",
                 "text_ru": "Хватило ли бюджета?", "active": True})  # fmt: skip
    questions.save_question_set(workspace.pk, rows)
    answer_questions(debrief, "Finance", {"was-the-budget-enough": "No", "roles_understood": "Yes"})
    rows = questions.editable_rows(workspace.pk)
    rows[-1]["active"] = False
    questions.save_question_set(workspace.pk, rows)
    shown = questions.answered(debrief.answers, questions.question_set(workspace.pk))
    assert [(q.key, [a["answer"] for a in given]) for q, given in shown] == [
        ("roles_understood", ["Yes"]), ("was-the-budget-enough", ["No"])]  # fmt: skip
    with pytest.raises(ValidationError, match="at least one question"):
        questions.save_question_set(workspace.pk, [{**r, "active": False} for r in rows])
