"""A case study written together: creators tell their side through a link in their own
language, partners comment on a draft section by section; the numbers across markets in the
reader's currency, against benchmark and earlier campaigns."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aftercast.core import links
from aftercast.metrics.models import Benchmark, FxRate
from aftercast.reports import collaboration
from aftercast.reports.case_study import case_study_document
from aftercast.reports.figures import case_figures
from aftercast.reports.render import to_markdown
from aftercast.reports.services import generate_case_study
from tests import factories


@pytest.fixture
def two_markets(workspace, campaign):
    """Russia judged by ERR, the US by CAC, with spend, sales and a rate between them."""
    ru, us = campaign.markets.get(market__code="RU"), campaign.markets.get(market__code="US")
    anna = factories.partnership(ru, factories.creator(workspace))
    jake = factories.partnership(us, factories.creator(workspace, "Jake Martin", code="US"))
    for link, spend, revenue in ((anna, 100_000, 300_000), (jake, 2_000, 3_000)):
        factories.observe(link, "reach", 100_000)
        factories.observe(link, "likes", 5_000)
        factories.observe(link, "spend", spend)
        factories.observe(link, "revenue", revenue)
        factories.observe(link, "conversions", 50)
    factories.brief(ru, metric="er_reach", target="0.04")
    factories.brief(us, metric="cpa", target="50")
    FxRate.objects.create(workspace=workspace, base="USD", quote="RUB", rate=Decimal("100"),
                          rate_date=campaign.starts_on)  # fmt: skip
    return campaign


def test_every_market_together_in_the_readers_currency(two_markets):
    en = case_figures(two_markets, "us", "en")
    assert en.currency == "USD" and not en.unconverted
    # 1,000 + 2,000 dollars spent, 3,000 + 3,000 sold: ROAS 2x overall (RU 3x, US 1.5x).
    assert en.overall["roas"] == pytest.approx(2.0)
    assert en.overall["reach"] == 200_000
    ru = case_figures(two_markets, "ru", "ru")
    assert ru.currency == "RUB" and ru.overall["roas"] == pytest.approx(2.0)
    us = next(item for item in ru.markets if item.piece.market.code == "US")
    assert us.in_reader["cpa"] == pytest.approx(4_000)  # 40 dollars at 100 roubles
    study = generate_case_study(two_markets, audience="us")
    text = to_markdown(case_study_document(study, "en"))
    assert "Return on ad spend (ROAS) 2× overall: Russia 3×, United States 1.5×." in text
    assert "All markets, USD" in text and "₽2,000 ≈ $20.00" in text  # RU's CPA in dollars
    assert "Diverged: the markets were judged by different success metrics" in text
    ru_text = to_markdown(case_study_document(study, "ru"))
    assert "в целом" in ru_text and "Все рынки, USD" in ru_text  # US readers count in dollars


def test_a_market_without_a_rate_counts_but_not_in_money(two_markets):
    FxRate.objects.all().delete()
    figures = case_figures(two_markets, "us", "en")
    assert figures.unconverted == ["Russia"]
    assert figures.overall["reach"] == 200_000  # both markets' reach
    assert figures.overall["roas"] == pytest.approx(1.5)  # the US alone
    study = generate_case_study(two_markets, audience="us")
    assert "money without Russia" in to_markdown(case_study_document(study, "en"))


def test_results_are_set_against_benchmark_and_earlier_campaigns(workspace, two_markets):
    ru = two_markets.markets.get(market__code="RU")
    Benchmark.objects.create(workspace=workspace, market=ru.market, tier="mid", metric="er_reach",
                             p25=0.03, median=0.05, p75=0.07, source="test")  # fmt: skip
    earlier = factories.campaign(workspace, "Winter", markets=("RU",), status="finished")
    earlier.starts_on = two_markets.starts_on - dt.timedelta(days=90)
    earlier.ends_on = two_markets.starts_on - dt.timedelta(days=60)
    earlier.save()
    old = factories.partnership(earlier.markets.get(), factories.creator(workspace, "Old"))
    factories.observe(old, "reach", 100_000)
    factories.observe(old, "likes", 3_000)
    study = generate_case_study(two_markets, audience="ru")
    text = to_markdown(case_study_document(study, "en"))
    assert "5.00% (3.00% – 7.00%)" in text and "3.00% (1 campaign)" in text
    document = case_study_document(study, "en")
    titles = [chart.title for section in document.sections for chart in section.charts]
    assert any("against its target" in title for title in titles)
    against = next(c for s in document.sections for c in s.charts if "target" in c.title)
    assert "DejaVu Sans" in against.svg and "Benchmark median" in against.svg


def test_a_creator_tells_their_side_in_their_language(client, two_markets, bob, vera):
    study = generate_case_study(two_markets, audience="both")
    anna = two_markets.markets.get(market__code="RU").partnerships.get()
    client.force_login(vera)  # a viewer cannot ask
    assert client.post(reverse("reports:ask_creator", args=[study.pk, anna.pk])).status_code == 403
    client.force_login(bob)
    client.post(reverse("reports:ask_creator", args=[study.pk, anna.pk]))
    story = anna.stories.get()
    assert story.language == "ru"
    url = reverse("creator_story", args=[links.token_of(story)])
    assert url in client.get(reverse("reports:detail", args=[study.pk])).content.decode()
    creator = Client()
    page = creator.get(url).content.decode()
    assert "Что вам поставили в задачу" in page
    empty = creator.post(url, {"briefed": " ", "happened": "", "numbers": "", "differently": ""})
    assert "Ответьте хотя бы на один вопрос" in empty.content.decode()
    creator.post(url, {"briefed": "Показать тинт в юмористическом ролике",
                       "happened": "Попросила перенести съёмку на неделю",
                       "numbers": "<img src=x>", "differently": ""})  # fmt: skip
    story.refresh_from_db()
    assert story.answered_at and story.happened.startswith("Попросила")
    en = case_study_document(study, "en")
    creator_section = next(s for s in en.sections if s.heading == "The creator's perspective")
    told = creator_section.tables[0]
    assert told.header[1].endswith("(written in Russian)")
    assert ["What actually happened, and what I pushed back on",
            "Попросила перенести съёмку на неделю"] in told.rows  # fmt: skip
    assert (
        "&lt;img src=x&gt;"
        in client.get(reverse("reports:detail", args=[study.pk])).content.decode()
    )
    again = collaboration.ask_creator(anna, days=60)
    assert again.pk == story.pk  # one open link per creator, extended
    links.revoke(again)
    assert creator.get(url).status_code == 410


def test_a_partner_comments_on_a_draft_section_by_section(client, two_markets, bob):
    study = generate_case_study(two_markets, audience="both")
    client.force_login(bob)
    client.post(reverse("reports:invite_reviewer", args=[study.pk]),
                {"reviewer": "Brand team", "days": "7"})  # fmt: skip
    link = study.review_links.get()
    url = reverse("review_draft", args=[links.token_of(link)])
    partner = Client()
    page = partner.get(url + "?lang=en").content.decode()
    assert "A draft, for review by Brand team" in page and "Outcomes" in page
    bad = partner.post(url + "?lang=en", {"section": "nonsense", "body": "Hi"})
    assert "Choose a section of the study." in bad.content.decode()
    hostile = "<script>alert(1)</script> CAC was $38 in our data"
    partner.post(url + "?lang=en", {"section": "outcomes", "author": "Kate", "body": hostile})
    comment = study.review_comments.get()
    assert comment.section == "outcomes" and comment.author == "Kate"
    detail = client.get(reverse("reports:detail", args=[study.pk])).content.decode()
    assert "&lt;script&gt;" in detail and "<script>alert" not in detail
    client.post(reverse("reports:resolve_comment", args=[study.pk, comment.pk]))
    comment.refresh_from_db()
    assert comment.resolved_at is not None
    study.status = "published"
    study.save()
    closed = partner.get(url)
    assert closed.status_code == 410 and "review of this draft is closed" in closed.content.decode()
    with pytest.raises(ValidationError):
        collaboration.invite_reviewer(study, "US team")
    link.expires_at = timezone.now() - dt.timedelta(days=1)
    study.status = "draft"
    study.save()
    link.save()
    assert partner.get(url).status_code == 410  # expired


def test_the_api_asks_creators_and_reviewers_and_reads_their_words(client, two_markets, bob):
    import json

    from aftercast.api.services import api_token_create

    study = generate_case_study(two_markets, audience="both")
    token = api_token_create(user=bob, workspace=study.workspace, name="BI")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    anna = two_markets.markets.get(market__code="RU").partnerships.get()
    asked = client.post(f"/api/v1/partnerships/{anna.pk}/story-link", json.dumps({}), **auth)
    assert asked.status_code == 201 and "/story/" in asked.json()["url"]
    Client().post(asked.json()["url"], {"numbers": "12 000 просмотров в первый день"})
    stories = client.get(f"/api/v1/campaigns/{two_markets.slug}/creator-stories", **auth).json()
    assert stories[0]["numbers"] == "12 000 просмотров в первый день"
    assert stories[0]["language"] == "ru"
    invited = client.post(f"/api/v1/case-studies/{study.pk}/review-links",
                          json.dumps({"reviewer": "US team"}), **auth)  # fmt: skip
    assert invited.status_code == 201
    Client().post(invited.json()["url"], {"section": "task", "body": "Target was $45"})
    comments = client.get(f"/api/v1/case-studies/{study.pk}/comments", **auth).json()
    assert comments[0]["section"] == "task" and comments[0]["author"] == "US team"
    refused = client.post(f"/api/v1/case-studies/{study.pk}/review-links",
                          json.dumps({"reviewer": " "}), **auth)  # fmt: skip
    assert refused.status_code in (400, 422)


def test_a_campaigns_final_results_are_shared_read_only(client, bob, workspace):
    from aftercast.debriefs.services import start_debrief
    from aftercast.reports import sharing
    from tests.debriefs.test_starting import finished_contrast_campaign

    debrief = start_debrief(finished_contrast_campaign(workspace, markets=("RU", "US")))
    client.force_login(bob)
    page = reverse("debriefs:detail", args=[debrief.pk])
    assert "Only final results can be shared" in client.get(page).content.decode()
    with pytest.raises(ValidationError):
        sharing.share_final_results(debrief)
    debrief.status = "final"
    debrief.save()
    client.post(reverse("reports:share", args=["results", debrief.pk]), {"days": "3"})
    link = debrief.share_links.get()
    url = reverse("shared_case_study", args=[links.token_of(link)])
    assert url in client.get(page).content.decode()
    stranger = Client()
    shown = stranger.get(url + "?lang=ru")
    assert shown.status_code == 200 and "Достигнута ли метрика успеха" in shown.content.decode()
    pdf = stranger.get(reverse("shared_case_study_file", args=[links.token_of(link), "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    debrief.status = "draft"  # reopened: the results are no longer final
    debrief.save()
    closed = stranger.get(url)
    assert closed.status_code == 410 and "results are no longer shared" in closed.content.decode()
