"""Planning in the web UI: an editor fills an empty workspace; a viewer cannot; errors speak
the reader's language."""

import re

import pytest
from django.urls import reverse

from aftercast.briefs.models import Brief
from aftercast.campaigns.models import Campaign
from aftercast.core.models import Role
from tests import factories
from tests.pages import get_as, untranslated_on_russian_page


@pytest.fixture
def empty(alice, bob, vera):
    """A workspace with nothing in it yet."""
    return factories.workspace("Fresh", {alice: Role.OWNER, bob: Role.EDITOR, vera: Role.VIEWER})


def post_as(client, user, url, data, language="en"):
    client.force_login(user)
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


CAMPAIGN = {
    "name": "Summer SPF",
    "brand_name": "Northwind Beauty",
    "category_name": "Cosmetics",
    "campaign_type": "conversion",
    "starts_on": "2027-06-01",
    "ends_on": "2027-06-30",
    "hypothesis_en": "Honest reviews convert.",
    "hypothesis_ru": "",
}


def plan_a_campaign(client, bob, language="en") -> Campaign:
    response = post_as(client, bob, reverse("campaigns:new"), CAMPAIGN, language)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(name="Summer SPF")
    for code, budget in (("RU", "500 000"), ("US", "6,000")):
        market = factories.market(code)
        url = reverse("campaigns:market_new", args=[campaign.slug])
        data = {"market": market.pk, "budget": budget}
        assert post_as(client, bob, url, data, language).status_code == 302
    return campaign


def test_the_empty_lists_say_how_to_fill_them(client, empty, bob, vera):
    page = get_as(client, bob, reverse("campaigns:list")).content.decode()
    assert "No campaign yet" in page and reverse("campaigns:new") in page
    page = get_as(client, vera, reverse("campaigns:list")).content.decode()
    assert reverse("campaigns:new") not in page and "An editor of this workspace" in page
    page = get_as(client, bob, reverse("briefs:list")).content.decode()
    assert reverse("briefs:new") in page


def test_an_editor_plans_a_campaign_in_an_empty_workspace(client, empty, bob):
    campaign = plan_a_campaign(client, bob)
    assert campaign.brand.name == "Northwind Beauty" and campaign.category.name_en == "Cosmetics"
    ru = campaign.markets.get(market__code="RU")
    assert ru.budget == 500_000 and ru.currency == "RUB"
    assert campaign.markets.get(market__code="US").budget == 6000
    url = reverse("campaigns:partnership_new", args=[campaign.slug, "RU"])
    new_creator = {
        "name": "Анна Смирнова",
        "platform": factories.platform("instagram").pk,
        "handle": "@anna.smirnova",
        "followers": "85000",
        "fee": "120 000",
    }
    response = post_as(client, bob, url, new_creator)
    link = ru.partnerships.get()
    assert response.status_code == 302 and link.account.handle == "anna.smirnova"
    assert link.fee == 120_000 and link.account.creator.language == "ru"
    url = reverse("campaigns:deliverable_new", args=[campaign.slug, link.pk])
    assert (
        post_as(client, bob, url, {"format": "reel", "planned_at": "2027-06-05T19:00"}).status_code
        == 302
    )
    page = get_as(client, bob, reverse("campaigns:detail", args=[campaign.slug])).content.decode()
    assert "Анна Смирнова" in page and "Not written in Russian yet." in page


def test_the_campaign_form_explains_itself_in_russian(client, empty, bob):
    bad = {**CAMPAIGN, "ends_on": "2027-05-01", "name": ""}
    response = post_as(client, bob, reverse("campaigns:new"), bad, "ru")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Кампания не может закончиться раньше, чем начнётся." in page
    assert "Обязательное поле." in page
    assert not Campaign.objects.exists()


def test_a_post_after_the_end_is_refused_next_to_its_field(client, empty, bob):
    campaign = plan_a_campaign(client, bob)
    ru = campaign.markets.get(market__code="RU")
    link = factories.partnership(ru, factories.creator(campaign.workspace))
    url = reverse("campaigns:deliverable_new", args=[campaign.slug, link.pk])
    page = post_as(
        client, bob, url, {"format": "reel", "planned_at": "2027-07-05T19:00"}, "ru"
    ).content.decode()
    assert "Запланируйте публикацию в пределах кампании" in page
    assert not link.deliverables.exists()


def test_a_percentage_typed_as_6_is_read_as_6_percent_and_said_so(client, empty, bob):
    campaign = plan_a_campaign(client, bob)
    brief = Brief.objects.get(
        campaign_market__campaign=campaign, campaign_market__market__code="US"
    )
    url = reverse("briefs:kpi_new", args=[brief.pk])
    client.force_login(bob)
    response = client.post(
        url, {"metric": "conversion_rate", "target": "6", "is_primary": "on"}, follow=True
    )
    kpi = brief.kpis.get()
    assert float(kpi.target) == 0.06 and kpi.is_primary
    assert "“6” read as 6.00%." in response.content.decode()
    response = post_as(client, bob, url, {"metric": "cpa", "target": "150 %"}, "ru")
    assert "не процент" in response.content.decode()


def test_a_viewer_cannot_open_or_send_a_planning_form(client, empty, bob, vera):
    campaign = plan_a_campaign(client, bob)
    brief = Brief.objects.filter(campaign_market__campaign=campaign).first()
    for url in (
        reverse("campaigns:new"),
        reverse("campaigns:edit", args=[campaign.slug]),
        reverse("campaigns:market_new", args=[campaign.slug]),
        reverse("campaigns:variant_new", args=[campaign.slug]),
        reverse("briefs:kpi_new", args=[brief.pk]),
        reverse("briefs:edit", args=[brief.pk]),
    ):
        assert get_as(client, vera, url).status_code == 403, url
        assert post_as(client, vera, url, {"name": "x"}).status_code == 403, url
    assert post_as(client, vera, reverse("briefs:sign", args=[brief.pk]), {}).status_code == 403


def test_an_outsider_gets_404_on_every_planning_page(client, empty, bob, charlie, other_workspace):
    campaign = plan_a_campaign(client, bob)
    brief = Brief.objects.filter(campaign_market__campaign=campaign).first()
    for url in (
        reverse("campaigns:edit", args=[campaign.slug]),
        reverse("campaigns:market_new", args=[campaign.slug]),
        reverse("briefs:detail", args=[brief.pk]),
        reverse("briefs:kpi_new", args=[brief.pk]),
        reverse("briefs:side_by_side", args=[campaign.slug]),
    ):
        assert get_as(client, charlie, url).status_code == 404, url


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_planning_page_is_in_the_readers_language(client, empty, bob, language):
    campaign = plan_a_campaign(client, bob, language)
    ru = campaign.markets.get(market__code="RU")
    link = factories.partnership(ru, factories.creator(campaign.workspace))
    brief = ru.brief
    urls = [
        reverse("campaigns:new"),
        reverse("campaigns:edit", args=[campaign.slug]),
        reverse("campaigns:detail", args=[campaign.slug]),
        reverse("campaigns:market_new", args=[campaign.slug]),
        reverse("campaigns:market_edit", args=[campaign.slug, "RU"]),
        reverse("campaigns:partnership_new", args=[campaign.slug, "RU"]),
        reverse("campaigns:partnership_edit", args=[campaign.slug, link.pk]),
        reverse("campaigns:deliverable_new", args=[campaign.slug, link.pk]),
        reverse("campaigns:variant_new", args=[campaign.slug]),
        reverse("briefs:new"),
        reverse("briefs:detail", args=[brief.pk]),
        reverse("briefs:edit", args=[brief.pk]),
        reverse("briefs:kpi_new", args=[brief.pk]),
        reverse("briefs:side_by_side", args=[campaign.slug]),
    ]
    for url in urls:
        response = get_as(client, bob, url, language)
        assert response.status_code == 200, url
        if language == "ru":
            assert untranslated_on_russian_page(response.content.decode()) == [], url


def test_the_side_by_side_page_shows_the_ru_us_mismatch(client, empty, bob):
    campaign = plan_a_campaign(client, bob)
    for code, metric, target in (("RU", "er_reach", "8 %"), ("US", "conversion_rate", "40 %")):
        brief = Brief.objects.get(
            campaign_market__campaign=campaign, campaign_market__market__code=code
        )
        url = reverse("briefs:kpi_new", args=[brief.pk])
        assert (
            post_as(
                client, bob, url, {"metric": metric, "target": target, "is_primary": "on"}
            ).status_code
            == 302
        )
    page = get_as(
        client, bob, reverse("briefs:side_by_side", args=[campaign.slug])
    ).content.decode()
    assert "The markets define success differently" in page
    assert re.search(r"Engagement rate by reach.*Conversion rate", page, re.S)


def test_the_creator_link_shows_the_brief_in_the_creators_language_and_works_once(
    client, empty, bob
):
    campaign = plan_a_campaign(client, bob)
    ru = campaign.markets.get(market__code="RU")
    person = factories.creator(campaign.workspace, "Анна")
    person.language = "ru"
    person.save()
    link = factories.partnership(ru, person)
    post_as(
        client,
        bob,
        reverse("briefs:kpi_new", args=[ru.brief.pk]),
        {"metric": "er_reach", "target": "6 %", "is_primary": "on"},
    )
    post_as(client, bob, reverse("briefs:request", args=[ru.brief.pk, link.pk]), {})
    page = get_as(client, bob, reverse("briefs:detail", args=[ru.brief.pk])).content.decode()
    url = re.search(r'value="http://testserver(/sign/[^"]+)"', page).group(1)
    client.logout()
    shown = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "вот ваш бриф" in shown and "6,00" in shown
    assert 'class="lang is-active" href="?lang=ru"' in shown
    english = client.get(url + "?lang=en").content.decode()
    assert 'class="lang is-active" href="?lang=en"' in english
    done = client.post(url, {"answer": "accept"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "бриф принят" in done.content.decode()
    again = client.get(url)
    assert again.status_code == 410 and "уже использована" in again.content.decode()
    tampered = client.get(url[:-3] + "x/")
    assert tampered.status_code == 404


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_form_refuses_empty_input_next_to_its_fields_in_the_readers_language(
    client, empty, bob, language
):
    from aftercast.metrics.models import Benchmark  # noqa: F401 (the benchmarks form's model)

    campaign = plan_a_campaign(client, bob, language)
    ru = campaign.markets.get(market__code="RU")
    link = factories.partnership(ru, factories.creator(campaign.workspace))
    person = link.account.creator
    forms = [
        reverse("campaigns:new"),
        reverse("campaigns:edit", args=[campaign.slug]),
        reverse("campaigns:market_new", args=[campaign.slug]),
        reverse("campaigns:partnership_new", args=[campaign.slug, "RU"]),
        reverse("campaigns:partnership_edit", args=[campaign.slug, link.pk]),
        reverse("campaigns:deliverable_new", args=[campaign.slug, link.pk]),
        reverse("campaigns:variant_new", args=[campaign.slug]),
        reverse("briefs:new"),
        reverse("briefs:kpi_new", args=[ru.brief.pk]),
        reverse("catalog:creator_new"),
        reverse("catalog:creator_edit", args=[person.pk]),
        reverse("catalog:account_new", args=[person.pk]),
        reverse("metrics:benchmark_new"),
        reverse("core:preferences"),
    ]
    for url in forms:
        response = post_as(client, bob, url, {}, language)
        page = response.content.decode()
        if url == reverse("core:preferences"):
            assert response.status_code == 302  # every preference may be left empty
            continue
        assert response.status_code == 200, url
        assert 'class="errorlist' in page, url
        if language == "ru":
            assert untranslated_on_russian_page(page) == [], url
            assert "This field is required." not in page, url


def test_a_viewer_is_not_asked_to_do_what_only_an_editor_can(client, empty, bob, vera):
    campaign = plan_a_campaign(client, bob)
    brief = Brief.objects.filter(campaign_market__campaign=campaign).first()
    page = get_as(client, vera, reverse("briefs:detail", args=[brief.pk])).content.decode()
    assert "an editor sets the metric" in page and "Nobody has signed yet." in page
    assert "Sign for the brand" not in page and "list them in the brief" not in page
    shown = get_as(client, vera, reverse("campaigns:detail", args=[campaign.slug])).content
    assert "Set the success metric in the brief" not in shown.decode()
    editor = get_as(client, bob, reverse("briefs:detail", args=[brief.pk])).content.decode()
    assert "Sign for the brand" in editor
