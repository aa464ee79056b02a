"""A campaign's history: every change to it and its parts, said in labels and values."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone, translation

from aftercast.briefs import services as briefs
from aftercast.campaigns import selectors, services
from aftercast.campaigns.models import CampaignType
from aftercast.catalog.models import Brand
from aftercast.core.history import history_of
from aftercast.core.history_words import describe_history, history_url
from aftercast.core.models import EditRecord
from tests import factories
from tests.pages import get_as

START = dt.date(2027, 6, 1)


def planned(workspace, user):
    campaign = services.create_campaign(
        workspace=workspace,
        name="Summer SPF",
        brand=Brand.objects.create(workspace=workspace, name="Northwind"),
        campaign_type=CampaignType.CONVERSION,
        starts_on=START,
        ends_on=START + dt.timedelta(days=29),
        user=user,
    )
    piece = services.add_market(
        campaign, market=factories.market("RU"), budget=Decimal(500_000), user=user
    )
    return campaign, piece


def lines(campaign, language="en") -> list[str]:
    """The history as a reader sees it, one line per change."""
    with translation.override(language):
        entries = describe_history(selectors.campaign_history(campaign), subjects=True)
        return [
            # Babel separates with no-break spaces; compare with plain ones.
            f"{entry.subject} | {change.label}: {change.before} -> {change.after}".replace(
                "\xa0", " "
            ).replace("\u202f", " ")
            for entry in entries
            for change in entry.changes
        ]


def test_changes_to_the_campaign_read_as_labels_and_values_in_both_languages(workspace, alice):
    campaign, piece = planned(workspace, alice)
    services.update_campaign(
        campaign,
        {"ends_on": START + dt.timedelta(days=20), "campaign_type": CampaignType.AWARENESS},
        user=alice,
    )
    services.update_market(piece, budget=Decimal(450_000), currency="RUB", user=alice)

    english = lines(campaign)
    assert "Campaign: Summer SPF | Ends on: Jun 30, 2027 -> Jun 21, 2027" in english
    assert "Campaign: Summer SPF | Campaign type: Conversion -> Awareness" in english
    assert "Market: Russia | Budget: ₽500,000.00 -> ₽450,000.00" in english
    assert "Campaign: Summer SPF | Brand: None -> Northwind" in english
    russian = lines(campaign, "ru")
    assert any("Бюджет: 500 000,00 ₽ -> 450 000,00 ₽" in line for line in russian)
    assert any("30 июн. 2027 г. -> 21 июн. 2027 г." in line for line in russian)
    latest = selectors.campaign_history(campaign).first()
    assert latest.user == alice and latest.action == EditRecord.Action.CHANGED


def test_moving_a_creator_between_arms_and_changing_the_fee_are_in_the_history(workspace, bob):
    campaign, piece = planned(workspace, bob)
    test = services.add_variant(
        campaign,
        dimension="creative_angle",
        name="Contrast",
        arms=[
            services.ArmSpec("A", "Low contrast", is_control=True),
            services.ArmSpec("B", "High contrast"),
        ],
        user=bob,
    )
    a, b = test.arms.order_by("label")
    link = services.add_partnership(
        piece, account=factories.creator(workspace).accounts.get(), arms=[a], user=bob
    )
    services.update_partnership(
        link, fee=Decimal(90_000), currency="RUB", status=link.status, arms=[b], user=bob
    )
    history = lines(campaign)
    assert any("Arms: A: Low contrast -> B: High contrast" in line for line in history)
    assert any("Fee: ₽0.00 -> ₽90,000.00" in line for line in history)


def test_a_removed_post_stays_in_the_campaign_history(workspace, bob):
    campaign, piece = planned(workspace, bob)
    link = services.add_partnership(
        piece, account=factories.creator(workspace, name="Анна").accounts.get(), user=bob
    )
    post = services.add_deliverable(
        link, format="reel", planned_at=dt.datetime(2027, 6, 5, 19, 0), user=bob
    )
    services.remove_deliverable(post, user=bob)
    removal = selectors.campaign_history(campaign).first()
    assert removal.action == EditRecord.Action.DELETED
    removal_entry = describe_history([removal], subjects=True)[0]
    assert removal_entry.subject.replace("\u202f", " ") == (
        "Planned post: Reel / short video · Анна · Jun 5, 2027, 7:00 PM"
    )
    # Its own earlier records stay in the campaign's history.
    planned_entry = [line for line in lines(campaign) if "Format: None -> Reel" in line]
    assert planned_entry and planned_entry[0].startswith(
        "Planned post: Reel / short video · Анна · Jun 5, 2027, 7:00 PM |"
    )


def test_a_kpi_change_shows_money_with_its_currency(workspace, bob):
    _campaign, piece = planned(workspace, bob)
    briefs.set_kpi(piece.brief, user=bob, metric="cpa", target=Decimal(1500), is_primary=True)
    with translation.override("ru"):
        entries = describe_history(history_of(piece.brief))
    words = [change.after for entry in entries for change in entry.changes if change.after]
    assert "цель 1\xa0500\xa0₽ (основная)" in words


def test_the_history_pages_are_open_to_readers_and_linked(client, workspace, alice, vera):
    campaign, piece = planned(workspace, alice)
    detail = get_as(client, vera, reverse("campaigns:detail", args=[campaign.slug]))
    assert reverse("campaigns:history", args=[campaign.slug]) in detail.content.decode()
    page = get_as(client, vera, reverse("campaigns:history", args=[campaign.slug]), "ru")
    text = page.content.decode()
    assert page.status_code == 200 and "Бюджет" in text and "500\xa0000,00\xa0₽" in text
    market_page = get_as(client, vera, history_url(piece)).content.decode()
    assert "Russia" in market_page and "₽500,000.00" in market_page


def test_another_workspace_cannot_read_the_history(client, workspace, alice, charlie):
    campaign, piece = planned(workspace, alice)
    assert (
        get_as(client, charlie, reverse("campaigns:history", args=[campaign.slug])).status_code
        == 404
    )
    assert get_as(client, charlie, history_url(piece)).status_code == 404


def test_a_campaign_edited_in_the_web_form_keeps_what_it_was(client, workspace, bob):
    campaign, _piece = planned(workspace, bob)
    client.force_login(bob)
    data = {
        "name": "Summer SPF",
        "brand_name": "Northwind",
        "category_name": "",
        "campaign_type": "conversion",
        "starts_on": "2027-06-01",
        "ends_on": "2027-06-15",
        "hypothesis_en": "",
        "hypothesis_ru": "",
        "status": "draft",
    }
    response = client.post(reverse("campaigns:edit", args=[campaign.slug]), data)
    assert response.status_code == 302
    assert "Campaign: Summer SPF | Ends on: Jun 30, 2027 -> Jun 15, 2027" in lines(campaign)


def test_saving_the_same_values_typed_another_way_records_nothing(workspace, bob):
    campaign, piece = planned(workspace, bob)
    link = services.add_partnership(
        piece, account=factories.creator(workspace).accounts.get(), user=bob
    )
    moment = dt.datetime(2027, 6, 5, 16, 0, tzinfo=dt.UTC)
    post = services.add_deliverable(link, format="reel", planned_at=moment, user=bob)
    post.refresh_from_db()
    before = selectors.campaign_history(campaign).count()
    with timezone.override("Europe/Moscow"):
        # The same moment as a Moscow reader's form sends it back.
        services.update_deliverable(
            post, format="reel", planned_at=timezone.localtime(post.planned_at), url="", user=bob
        )
    services.update_market(piece, budget=Decimal(500000), currency="rub", user=bob)
    assert selectors.campaign_history(campaign).count() == before


def test_an_old_amount_keeps_the_currency_it_was_in(workspace, bob):
    campaign, piece = planned(workspace, bob)
    services.update_market(piece, budget=Decimal(600_000), currency="RUB", user=bob)
    briefs.set_kpi(piece.brief, user=bob, metric="cpa", target=Decimal(1500), is_primary=True)
    services.update_market(piece, budget=Decimal(600_000), currency="KZT", user=bob)
    history = lines(campaign)
    assert "Market: Russia | Budget: ₽500,000.00 -> ₽600,000.00" in history
    assert "Market: Russia | Currency: RUB -> KZT" in history
    kpi = describe_history(history_of(piece.brief))[0].changes[0]
    assert kpi.after == "target ₽1,500 (primary)"


def test_a_long_history_is_read_in_a_few_queries(workspace, bob, django_assert_max_num_queries):
    campaign, piece = planned(workspace, bob)
    for number in range(8):
        person = factories.creator(workspace, name=f"Creator {number}")
        link = services.add_partnership(piece, account=person.accounts.get(), user=bob)
        services.update_partnership(
            link, fee=Decimal(1000 + number), currency="RUB", status=link.status, arms=[], user=bob
        )
    records = list(selectors.campaign_history(campaign))
    assert len(records) == 18
    with django_assert_max_num_queries(12):
        lines_read = describe_history(records, subjects=True)
    assert all(entry.subject for entry in lines_read)


def test_the_history_back_link_returns_only_to_a_page_of_this_site(client, workspace, alice):
    _campaign, piece = planned(workspace, alice)
    url = history_url(piece)
    client.force_login(alice)
    form = reverse("campaigns:market_edit", args=[piece.campaign.slug, "RU"])
    shown = client.get(url, HTTP_REFERER=f"http://testserver{form}").content.decode()
    assert f'href="http://testserver{form}"' in shown
    for referer in ("https://evil.example/phish", f"http://testserver{url}"):
        page = client.get(url, HTTP_REFERER=referer).content.decode()
        assert "evil.example" not in page and "← Back" not in page
