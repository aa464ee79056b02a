"""Lists come a page at a time, filtered and sorted as the reader asked."""

import datetime as dt

from django.urls import reverse

from aftercast.campaigns.models import Campaign
from tests import factories
from tests.pages import get_as


def names(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


def test_the_campaign_list_pages_filters_and_sorts(client, workspace, alice):
    for number in range(55):
        factories.campaign(workspace, name=f"Campaign {number:02d}", markets=("US",))
    late = factories.campaign(workspace, name="Zeta RU", markets=("RU",))
    Campaign.objects.filter(pk=late.pk).update(
        starts_on=dt.date(2030, 1, 1), ends_on=dt.date(2030, 2, 1)
    )
    url = reverse("campaigns:list")
    first = get_as(client, alice, url)
    assert len(names(first)) == 50 and names(first)[0] == "Zeta RU"
    assert "page=2" in first.content.decode()
    assert len(names(get_as(client, alice, url + "?page=2"))) == 6
    assert names(get_as(client, alice, url + "?sort=name"))[:2] == ["Campaign 00", "Campaign 01"]
    assert names(get_as(client, alice, url + "?market=RU")) == ["Zeta RU"]
    assert names(get_as(client, alice, url + "?from=2029-12-01")) == ["Zeta RU"]
    assert len(names(get_as(client, alice, url + "?to=2029-12-01"))) == 50
    brand = late.brand.name
    assert names(get_as(client, alice, url + f"?brand={brand}")) == ["Zeta RU"]
    # Nonsense in the query string is ignored, not a crash.
    assert get_as(client, alice, url + "?sort=evil&from=yesterday&page=-3").status_code == 200


def test_the_brief_list_keeps_its_filters_across_pages(client, workspace, alice):
    for number in range(52):
        item = factories.campaign(workspace, name=f"C{number:02d}", markets=("US",))
        factories.brief(item.markets.get())
    page = get_as(client, alice, reverse("briefs:list") + "?market=US&sort=campaign")
    html = page.content.decode()
    assert len(page.context["page"].object_list) == 50
    assert "market=US" in html and "sort=campaign" in html and "page=2" in html
    empty = get_as(client, alice, reverse("briefs:list") + "?market=RU")
    assert "No brief matches these filters." in empty.content.decode()


def test_each_dashboard_card_links_to_what_it_counts(client, workspace, alice):
    from aftercast.campaigns.models import CampaignStatus

    factories.campaign(workspace, name="Done, no debrief", status=CampaignStatus.FINISHED)
    factories.campaign(workspace, name="Running", status=CampaignStatus.LIVE)
    html = get_as(client, alice, reverse("home:home")).content.decode()
    link = reverse("debriefs:coverage")
    assert link in html and "Done, no debrief" in html  # the card names what it counts
    page = get_as(client, alice, link).content.decode()
    assert "Done, no debrief" in page and "Running" not in page
