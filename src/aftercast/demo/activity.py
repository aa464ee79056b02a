"""Demo campaigns and everything measured in them: briefs, partnerships, posts, daily numbers."""

import datetime as dt
import math
import random
from decimal import Decimal

from django.utils import timezone

from aftercast.briefs import services as briefs
from aftercast.briefs import sign_offs
from aftercast.briefs.models import Brief
from aftercast.campaigns import services as planning
from aftercast.campaigns.models import (
    Arm,
    Campaign,
    CampaignMarket,
    Deliverable,
    DeliverableFormat,
    Partnership,
    PartnershipStatus,
)
from aftercast.campaigns.selectors import active_partnerships
from aftercast.catalog.models import Brand, Creator, Market, ProductCategory
from aftercast.catalog.tiers import tier_for
from aftercast.demo import scenarios, stories, texts
from aftercast.metrics.models import Comment, Journey, Observation, Touchpoint

VIDEO_FORMATS = {DeliverableFormat.REEL, DeliverableFormat.VIDEO, DeliverableFormat.STORY}
FORMAT_BY_PLATFORM = {
    "instagram": DeliverableFormat.REEL,
    "tiktok": DeliverableFormat.REEL,
    "youtube": DeliverableFormat.VIDEO,
    "vk": DeliverableFormat.POST,
    "telegram": DeliverableFormat.CHANNEL_POST,
}
TRACKED_DAYS = 14


def brands(workspace) -> list[Brand]:
    categories = [
        ProductCategory.objects.create(workspace=workspace, name_en=en, name_ru=ru)
        for en, ru in texts.CATEGORIES
    ]
    return [
        Brand.objects.create(workspace=workspace, name=name, category=categories[index])
        for name, index in texts.BRANDS
    ]


def campaign(rng, workspace, spec: dict, brand: Brand, copy: int, today: dt.date) -> Campaign:
    starts = today + dt.timedelta(days=spec["start"] - 9 * copy)
    suffix = f" #{copy + 1}" if copy else ""
    return planning.create_campaign(
        workspace=workspace,
        name=spec["name"] + suffix,
        slug=spec["slug"] + (f"-{copy + 1}" if copy else ""),
        brand=brand,
        category=brand.category,
        campaign_type=spec["type"],
        status=spec["status"],
        # A US-only campaign is planned in English alone: the page shows the Russian slot empty.
        hypothesis_en=stories.hypothesis(spec["slug"])[0],
        hypothesis_ru=stories.hypothesis(spec["slug"])[1] if "RU" in spec["markets"] else "",
        starts_on=starts,
        ends_on=starts + dt.timedelta(days=spec["days"] - 1),
    )


def variant(workspace, item: Campaign, spec: dict) -> tuple[str, list[Arm]] | None:
    if not spec["variant"]:
        return None
    dimension, name_en, name_ru, arms = spec["variant"]
    tested = planning.add_variant(
        item,
        dimension=dimension,
        name=name_en,
        description=name_ru,
        arms=[planning.ArmSpec(label, text, control) for label, text, control in arms],
    )
    return dimension, list(tested.arms.all())


def brief(rng, workspace, slice_: CampaignMarket, numbers: dict, status: str) -> Brief:
    """Fill the market's brief (started with the market) through the briefs services."""
    market = slice_.market.code
    metric, target, minimum = numbers["kpi"]
    item = slice_.brief
    briefs.update_brief(
        item,
        user=None,
        data={
            "conversion_event": "оплаченный заказ" if market != "US" else "paid order",
            "conversion_window_days": 7 if market == "US" else 14,
            "attribution_model": "last_touch" if market == "US" else "linear",
            "content_specs": (
                "2 Reels 30–45 c\nлоготип в первые 3 секунды\nпромокод в описании"
                if market != "US"
                else "2 Reels 30–45 s\nproduct in the first 3 seconds\ncode in caption"
            ),
            "posting_schedule": (
                "Вт и Чт, 19:00–21:00 МСК" if market != "US" else "Tue and Thu, 6–8 pm ET"
            ),
        },
    )
    briefs.set_kpi(
        item,
        user=None,
        metric=metric,
        target=Decimal(str(target)),
        minimum=Decimal(str(minimum)),
        is_primary=True,
    )
    secondary = "er_reach" if metric != "er_reach" else "conversion_rate"
    briefs.set_kpi(
        item,
        user=None,
        metric=secondary,
        target=Decimal("0.05" if secondary == "er_reach" else "0.02"),
    )
    return item


def sign(item: Brief, owner, status: str) -> None:
    """The brand signs every brief; creators have accepted it unless the campaign is still
    being planned (then their links are out and the brief awaits them)."""
    sign_offs.sign_as_brand(item, user=owner, signer_name="Northwind Beauty")
    for link in active_partnerships(item.campaign_market):
        _sign_off, token = sign_offs.request_creator_sign_off(item, user=owner, partnership=link)
        if status != "planned":
            sign_offs.answer_link(token, accept=True)


def _pick_creators(rng, pool: list[Creator], tiers: list[str], steady: Creator | None):
    chosen, used = [], set()
    if steady is not None:
        chosen.append(steady.accounts.order_by("-followers").first())
        used.add(steady.pk)
    for tier in tiers[len(chosen) :]:
        fits = [
            c for c in pool if c.pk not in used and tier_for(getattr(c, "biggest", 0)) == tier
        ] or [c for c in pool if c.pk not in used]
        person = rng.choice(fits)
        used.add(person.pk)
        chosen.append(max(person.accounts.all(), key=lambda a: a.followers))
    return chosen


def _fee(rng, account, market: str, numbers: dict) -> Decimal:
    """Price by audience or, where the scenario fixes a CAC, so that the expected CAC lands
    there (two posts, each reaching its tier's share of followers)."""
    if "cac" in numbers:
        reach = account.followers * scenarios.REACH_RATE[str(account.tier)]
        clicks = reach * 1.45 * numbers["ctr"]
        amount = 2 * clicks * numbers["cr"] * numbers["cac"] * rng.uniform(0.9, 1.1)
    else:
        amount = account.followers * scenarios.FEE_PER_FOLLOWER[market] * rng.uniform(0.8, 1.2)
    return Decimal(max(100, round(amount, -2)))


def partnerships(rng, workspace, slice_, numbers, pool, arms, steady, spec) -> list[Partnership]:
    wanted_platform = spec.get("platform")
    links = []
    for index, account in enumerate(_pick_creators(rng, pool, numbers["tiers"], steady)):
        if wanted_platform:
            account = (
                account.creator.accounts.filter(platform__slug=wanted_platform).first() or account
            )
        fee = _fee(rng, account, slice_.market.code, numbers)
        status = {"finished": PartnershipStatus.DONE, "live": PartnershipStatus.LIVE}.get(
            spec["status"], PartnershipStatus.CONTRACTED
        )
        link = planning.add_partnership(
            slice_,
            account=account,
            fee=fee,
            status=status,
            arms=[arms[1][index % 2]] if arms else [],
        )
        Partnership.objects.filter(pk=link.pk).update(tracking_code=f"{spec['slug'][:12]}{index}")
        links.append(link)
    return links


def deliverables(rng, workspace, link: Partnership, arms, today) -> list[Deliverable]:
    campaign_ = link.campaign_market.campaign
    posts = []
    for number in range(2):
        day = campaign_.starts_on + dt.timedelta(days=3 + number * (campaign_.duration_days // 2))
        planned = timezone.make_aware(dt.datetime.combine(day, dt.time(19)))
        # Execution slips: a few posts go out a day or two late.
        delay = dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, 2]), minutes=rng.randint(0, 90))
        published = planned + delay if (planned + delay).date() < today else None
        platform = link.account.platform.slug
        post = planning.add_deliverable(
            link,
            format=FORMAT_BY_PLATFORM[platform],
            planned_at=planned,
            arms=link.arms.all() if arms else [],
        )
        # What was published, and whether it met the specs, is measured, not planned.
        post.published_at = published
        post.url = f"https://{platform}.example/p/{link.pk}-{number}" if published else ""
        post.external_id = f"{platform[:2]}{link.pk:05d}{number}" if published else ""
        post.spec_checklist = [
            {"item": "logo in first 3 s", "met": rng.random() > 0.2},
            {"item": "discount code in caption", "met": rng.random() > 0.15},
        ]
        post.save(update_fields=["published_at", "url", "external_id", "spec_checklist"])
        posts.append(post)
    return posts


def rerun(numbers: dict, slug: str, copy: int, market: str) -> dict:
    """A later run of a scenario (at --scale above 1) lands around the first one's rates, not
    on them: a repeated campaign meets another week, another offer, another feed. The first
    run is the story as told. Drawn apart from the demo's random stream, like creator_truth."""
    if copy == 0:
        return numbers
    own = random.Random(f"rerun:{slug}:{copy}:{market}")
    spread = scenarios.RERUN_SPREAD
    return {**numbers, **{name: numbers[name] * math.exp(own.gauss(0, spread) - spread**2 / 2)
                          for name in ("err", "ctr", "cr")}}  # fmt: skip


def creator_truth(handle: str) -> dict[str, float]:
    """An account's own factors on its tier's reach and the campaign's engagement rate: the
    same in every campaign (drawn from its handle, apart from the demo's random stream, so
    adding them moved no other number), so its history says something about its next one."""
    own = random.Random(f"truth:{handle}")
    return {name: math.exp(own.gauss(0, spread) - spread**2 / 2)  # mean 1
            for name, spread in scenarios.CREATOR_SPREAD.items()}  # fmt: skip


def _post_totals(rng, link: Partnership, numbers: dict, lift: float) -> dict[str, float]:
    """Return one post's totals over its tracked days: the scenario's rates times the
    account's own (creator_truth), with noise from post to post."""
    account = link.account
    market = link.campaign_market.market.code
    truth = creator_truth(account.handle)
    noise = rng.uniform(0.85, 1.15)
    reach = account.followers * scenarios.REACH_RATE[str(account.tier)] * truth["reach"] * noise
    impressions = reach * rng.uniform(1.3, 1.6)
    engagements = reach * numbers["err"] * truth["engagement"] * rng.uniform(0.9, 1.1)
    clicks = impressions * numbers["ctr"] * lift * rng.uniform(0.9, 1.1)
    conversions = clicks * numbers["cr"] * rng.uniform(0.9, 1.1)
    revenue = (
        float(link.fee) / 2 * numbers["roas"] * rng.uniform(0.9, 1.1)
        if "roas" in numbers
        else conversions * scenarios.AOV[market]
    )
    totals = {
        "impressions": impressions,
        "reach": reach,
        "likes": engagements * 0.8,
        "comments": engagements * 0.07,
        "shares": engagements * 0.06,
        "saves": engagements * 0.07,
        "clicks": clicks,
        "conversions": conversions,
        "orders": conversions * 0.96,
        "revenue": revenue,
        "followers_gained": clicks * numbers.get("follow_rate", 0.03),
    }
    if "signup_rate" in numbers:
        totals["signups"] = clicks * numbers["signup_rate"]
    if account.platform.slug == "vk":
        totals.pop("saves")  # VK reports no saves
    return totals


def observations(rng, post: Deliverable, numbers: dict, lift: float, today) -> list[Observation]:
    """Spread a post's totals over the days after publication, decaying as feeds move on."""
    if post.published_at is None:
        return []
    first = post.published_at.date()
    days = [
        first + dt.timedelta(days=n)
        for n in range(TRACKED_DAYS)
        if first + dt.timedelta(days=n) < today
    ]
    weights = [math.exp(-n / 2.5) for n in range(TRACKED_DAYS)]
    scale = sum(weights)
    link = post.partnership
    rows = []
    for metric, total in _post_totals(rng, link, numbers, lift).items():
        for n, day in enumerate(days):
            value = round(total * weights[n] / scale, 2 if metric == "revenue" else 0)
            rows.append(
                Observation(
                    workspace_id=post.workspace_id,
                    partnership=link,
                    deliverable=post,
                    observed_on=day,
                    metric=metric,
                    value=Decimal(str(value)),
                    currency=link.currency if metric == "revenue" else "",
                )
            )
    if post.format in VIDEO_FORMATS and days:
        reach_rows = [row for row in rows if row.metric == "reach"]
        rows += [
            Observation(
                workspace_id=post.workspace_id,
                partnership=link,
                deliverable=post,
                observed_on=row.observed_on,
                metric="views",
                value=(row.value * Decimal("1.7")).quantize(Decimal(1)),
            )
            for row in reach_rows
        ]
    return rows


def comments(rng, post: Deliverable) -> list[Comment]:
    if post.published_at is None:
        return []
    language = "en" if post.partnership.campaign_market.market.code == "US" else "ru"
    picked = rng.sample(texts.COMMENTS[language], k=rng.randint(3, 6))
    return [
        Comment(
            workspace_id=post.workspace_id,
            partnership=post.partnership,
            deliverable=post,
            external_id=f"c{post.pk}-{n}",
            author=f"user{rng.randint(100, 9999)}",
            text=text,
            language=language,
            sentiment=score,
            posted_at=post.published_at + dt.timedelta(hours=rng.randint(1, 72)),
        )
        for n, (text, score) in enumerate(picked)
    ]


def journeys(rng, slice_: CampaignMarket, links: list[Partnership], today) -> None:
    """Create customer paths that mix creators with other channels, for attribution later."""
    start = slice_.campaign.starts_on
    if start >= today:
        return
    others = ["search", "email", "direct"]
    touchpoints = []
    for number in range(25):
        steps = rng.randint(1, 4)
        at = timezone.make_aware(dt.datetime.combine(start, dt.time(10))) + dt.timedelta(
            hours=rng.randint(0, 24 * max(1, min(slice_.campaign.duration_days, 20)))
        )
        converted = rng.random() < 0.45
        path = Journey.objects.create(
            workspace_id=slice_.workspace_id,
            campaign_market=slice_,
            external_id=f"j{number}",
            converted=converted,
            currency=slice_.currency,
            value=Decimal(scenarios.AOV[slice_.market.code]) if converted else Decimal(0),
            converted_at=at + dt.timedelta(hours=6 * steps) if converted else None,
        )
        for position in range(steps):
            link = rng.choice(links) if rng.random() < 0.7 else None
            touchpoints.append(
                Touchpoint(
                    workspace_id=slice_.workspace_id,
                    journey=path,
                    position=position,
                    partnership=link,
                    channel=f"@{link.account.handle}" if link else rng.choice(others),
                    at=at + dt.timedelta(hours=5 * position),
                )
            )
    Touchpoint.objects.bulk_create(touchpoints)


def markets() -> dict[str, Market]:
    return {market.code: market for market in Market.objects.all()}
