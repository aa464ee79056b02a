from decimal import Decimal

from ninja import Schema


class MarketOut(Schema):
    code: str
    name_en: str
    name_ru: str
    currency: str
    language: str
    lead_metrics: list[str]


class AccountOut(Schema):
    platform: str
    handle: str
    followers: int
    tier: str | None


class CreatorOut(Schema):
    id: int
    name: str
    market: str
    language: str
    tier: str | None
    accounts: list[AccountOut]


class CampaignMarketOut(Schema):
    market: str
    budget: Decimal
    currency: str
    metrics: dict[str, float | None] | None = None


class CampaignOut(Schema):
    slug: str
    name: str
    brand: str
    campaign_type: str
    status: str
    starts_on: str
    ends_on: str
    markets: list[CampaignMarketOut]


class MetricOut(Schema):
    key: str
    name: str
    short: str
    unit: str
    kind: str
    higher_is_better: bool
    inputs: list[str]
    description: str


class ErrorOut(Schema):
    detail: str
    code: str
