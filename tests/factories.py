"""Small builders for test data: each returns a saved object with sensible defaults."""

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from aftercast.briefs.models import Brief, KpiTarget
from aftercast.campaigns.models import (
    Campaign,
    CampaignMarket,
    CampaignStatus,
    CampaignType,
    Deliverable,
    DeliverableFormat,
    Partnership,
)
from aftercast.catalog.models import Brand, Creator, CreatorAccount, Market, Platform
from aftercast.core.models import Membership, Role, Workspace
from aftercast.metrics.models import Observation

_seq = itertools.count(1)


def user(username: str, password: str = "pass-Word-123"):
    return get_user_model().objects.create_user(username=username, password=password)


def workspace(name: str = "Acme", members: dict | None = None) -> Workspace:
    ws = Workspace.objects.create(name=name, slug=f"{name.lower().replace(' ', '-')}-{next(_seq)}")
    for member, role in (members or {}).items():
        Membership.objects.create(workspace=ws, user=member, role=role)
    return ws


def market(code: str = "RU") -> Market:
    return Market.objects.get(code=code)


def platform(slug: str = "instagram") -> Platform:
    return Platform.objects.get(slug=slug)


def creator(
    ws: Workspace,
    name: str = "Анна Смирнова",
    code: str = "RU",
    followers=250_000,
    platform_slug: str = "instagram",
) -> Creator:
    person = Creator.objects.create(
        workspace=ws, name=name, market=market(code), language="ru" if code == "RU" else "en"
    )
    CreatorAccount.objects.create(
        workspace=ws,
        creator=person,
        platform=platform(platform_slug),
        handle=f"handle{next(_seq)}",
        followers=followers,
    )
    return person


def campaign(
    ws: Workspace, name: str = "Spring launch", markets=("RU", "US"), status=CampaignStatus.LIVE
) -> Campaign:
    brand = Brand.objects.create(workspace=ws, name=f"Brand {next(_seq)}")
    today = timezone.localdate()
    item = Campaign.objects.create(
        workspace=ws,
        name=name,
        slug=f"campaign-{next(_seq)}",
        brand=brand,
        campaign_type=CampaignType.CONVERSION,
        starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=20),
        status=status,
    )
    for code in markets:
        m = market(code)
        CampaignMarket.objects.create(
            workspace=ws, campaign=item, market=m, budget=Decimal("123456.50"), currency=m.currency
        )
    return item


def partnership(campaign_market: CampaignMarket, person: Creator) -> Partnership:
    return Partnership.objects.create(
        workspace=campaign_market.workspace,
        campaign_market=campaign_market,
        account=person.accounts.first(),
        fee=Decimal("50000"),
        currency=campaign_market.currency,
    )


def deliverable(link: Partnership, days_from_now: int = -3) -> Deliverable:
    when = timezone.now() + dt.timedelta(days=days_from_now)
    return Deliverable.objects.create(
        workspace=link.workspace,
        partnership=link,
        format=DeliverableFormat.REEL,
        planned_at=when,
        published_at=when,
    )


def observe(
    link: Partnership,
    metric: str,
    value,
    on: dt.date | None = None,
    post: Deliverable | None = None,
) -> Observation:
    return Observation.objects.create(
        workspace=link.workspace,
        partnership=link,
        deliverable=post,
        observed_on=on or timezone.localdate(),
        metric=metric,
        value=Decimal(str(value)),
    )


def brief(campaign_market: CampaignMarket, metric: str = "conversion_rate", target="0.05") -> Brief:
    item = Brief.objects.create(
        workspace=campaign_market.workspace,
        campaign_market=campaign_market,
        conversion_event="paid order",
    )
    KpiTarget.objects.create(
        workspace=item.workspace, brief=item, metric=metric, target=Decimal(target), is_primary=True
    )
    return item


ROLES = Role
