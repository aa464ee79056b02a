"""The posts every import test loads numbers into."""

import pytest

from aftercast.campaigns.models import Deliverable
from tests import factories


@pytest.fixture
def posts(workspace, campaign):
    ru = campaign.markets.get(market__code="RU")
    us = campaign.markets.get(market__code="US")
    ru_link = factories.partnership(ru, factories.creator(workspace))
    us_link = factories.partnership(us, factories.creator(workspace, "Jake Miller", code="US"))
    steady = factories.partnership(us, factories.creator(workspace, "Steady One", code="US"))
    steady.account.handle = "steady.one"
    steady.account.save()
    made = {}
    for key, link, url in [
        ("ru", ru_link, "https://instagram.example/p/ru-1"),
        ("us", us_link, "https://tiktok.example/p/us-1"),
    ]:
        post = factories.deliverable(link)
        Deliverable.objects.filter(pk=post.pk).update(url=url)
        made[key] = post
    Deliverable.objects.create(
        workspace=workspace,
        partnership=ru_link,
        format="post",
        planned_at=made["ru"].planned_at,
        url="https://vk.example/p/ru-1",
    )
    return {**made, "steady": steady}
