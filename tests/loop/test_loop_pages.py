"""Detail and edit pages of briefs, debriefs, learnings, case studies and check-ins, by role."""

import datetime as dt

import pytest
from django.urls import reverse

from aftercast.checkins.models import CheckIn
from aftercast.core.models import EditRecord
from aftercast.debriefs.models import Debrief, Finding, MarketVerdict
from aftercast.learnings.models import Learning
from aftercast.reports.models import CaseStudy
from tests import factories
from tests.pages import get_as, untranslated_on_russian_page


@pytest.fixture
def loop(workspace, campaign):
    us = campaign.markets.get(market__code="US")
    brief = factories.brief(us, metric="cpa", target="8.5")
    checkin = CheckIn.objects.create(
        workspace=workspace, campaign_market=us, scheduled_on=dt.date(2026, 3, 1), summary="On pace"
    )
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign, summary="Split result")
    MarketVerdict.objects.create(
        workspace=workspace,
        debrief=debrief,
        campaign_market=us,
        metric="cpa",
        target=8.5,
        actual=7.9,
        verdict="hit",
    )
    Finding.objects.create(
        workspace=workspace,
        debrief=debrief,
        market=us.market,
        metric="ctr",
        value_a=0.01,
        value_b=0.0123,
        effect_rel=0.23,
        ci_low=0.1,
        ci_high=0.37,
        p_value=0.001,
        prob_b_better=0.999,
        statement="High contrast beats pastel",
    )
    learning = Learning.objects.create(
        workspace=workspace,
        metric="ctr",
        statement_en="High contrast wins",
        statement_ru="Высокий контраст выигрывает",
        pooled_effect=0.23,
        pooled_ci_low=0.1,
        pooled_ci_high=0.37,
    )
    study = CaseStudy.objects.create(
        workspace=workspace,
        campaign=campaign,
        title_en="How we won",
        title_ru="Как мы победили",
        sections_en=[{"heading": "Result", "body": "CAC $7.90"}],
        sections_ru=[{"heading": "Итог", "body": "CAC 7,90 $"}],
    )
    return {
        "brief": brief,
        "checkin": checkin,
        "debrief": debrief,
        "learning": learning,
        "study": study,
    }


def detail_urls(loop) -> list[str]:
    return [
        reverse("briefs:detail", args=[loop["brief"].pk]),
        reverse("checkins:detail", args=[loop["checkin"].pk]),
        reverse("debriefs:detail", args=[loop["debrief"].pk]),
        reverse("learnings:detail", args=[loop["learning"].pk]),
        reverse("reports:detail", args=[loop["study"].pk]),
    ]


EDITS = [
    (
        "briefs:edit",
        "brief",
        {
            "conversion_event": "first order",
            "conversion_window_days": 10,
            "attribution_model": "linear",
        },
        "conversion_event",
    ),
    (
        "debriefs:edit",
        "debrief",
        {"status": "final", "summary": "Blameless summary", "failure_type": "measurement"},
        "summary",
    ),
    (
        "learnings:edit",
        "learning",
        {
            "statement_en": "Contrast wins",
            "statement_ru": "Контраст",
            "kind": "avoid",
            "status": "hypothesis",
        },
        "statement_en",
    ),
    (
        "reports:edit",
        "study",
        {
            "title_en": "New title",
            "title_ru": "Новый заголовок",
            "audience": "both",
            "status": "published",
        },
        "title_en",
    ),
]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("who", ["alice", "vera"])
def test_members_read_every_detail_page_in_their_language(client, loop, who, language, request):
    for url in detail_urls(loop):
        response = get_as(client, request.getfixturevalue(who), url, language)
        assert response.status_code == 200, url
        if language == "ru":
            assert untranslated_on_russian_page(response.content.decode()) == [], url


def test_an_outsider_gets_404_on_every_detail_and_edit_page(client, loop, charlie):
    factories.workspace("Own", {charlie: "owner"})
    client.force_login(charlie)
    for url in detail_urls(loop):
        assert client.get(url).status_code == 404, url
    for name, key, data, _field in EDITS:
        assert client.post(reverse(name, args=[loop[key].pk]), data).status_code == 404


@pytest.mark.parametrize(("name", "key", "data", "field"), EDITS)
def test_a_viewer_cannot_edit(client, loop, vera, name, key, data, field):
    client.force_login(vera)
    assert client.post(reverse(name, args=[loop[key].pk]), data).status_code == 403
    assert not EditRecord.objects.exists()


@pytest.mark.parametrize(("name", "key", "data", "field"), EDITS)
def test_an_editors_change_lands_in_the_history(client, loop, bob, vera, name, key, data, field):
    obj = loop[key]
    client.force_login(bob)
    response = client.post(reverse(name, args=[obj.pk]), data)
    assert response.status_code == 302
    record = EditRecord.objects.get(object_id=obj.pk)
    assert record.user == bob
    assert record.changes[field][1] == data[field]
    detail = get_as(client, vera, response.url).content.decode()
    assert "bob" in detail and str(data[field]) in detail


def test_a_case_study_reads_in_the_other_language_on_request(client, loop, alice):
    url = reverse("reports:detail", args=[loop["study"].pk])
    assert "Как мы победили" in get_as(client, alice, url + "?lang=ru").content.decode()
    assert "How we won" in get_as(client, alice, url, "en").content.decode()


def test_learnings_filter_by_text_in_either_language(client, loop, alice):
    url = reverse("learnings:list")
    # "High contrast" is the glossary's phrase for high-contrast: both words are marked.
    found = get_as(client, alice, url + "?q=контраст").content.decode()
    assert "<mark>High</mark> <mark>contrast</mark> wins" in found
    assert "High contrast wins" not in get_as(client, alice, url + "?q=humour").content.decode()


def test_a_findings_warnings_read_in_the_readers_language(client, loop, alice):
    Finding.objects.update(guards=["too_few_units"])
    url = reverse("debriefs:detail", args=[loop["debrief"].pk])
    assert "too few units to judge" in get_as(client, alice, url, "en").content.decode()
    assert "слишком мало данных" in get_as(client, alice, url, "ru").content.decode()
