"""Planning a campaign: the campaign, its markets, creators, posts and what it tests.

Every way in (web forms, the API, `aftercast campaign create --from`, the demo) calls these
functions; they validate everything before they write, and say what is wrong per field.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import (
    Arm,
    Campaign,
    CampaignMarket,
    CampaignStatus,
    Deliverable,
    Partnership,
    PartnershipStatus,
    Variant,
)
from aftercast.catalog.models import Brand, CreatorAccount, Market, ProductCategory
from aftercast.catalog.services import AccountSpec, brand_named, category_named, create_creator
from aftercast.core import formatting
from aftercast.core.history import record_edit, record_removal, snapshot
from aftercast.core.models import Workspace

CAMPAIGN_FIELDS = [
    "name",
    "brand",
    "category",
    "campaign_type",
    "hypothesis_en",
    "hypothesis_ru",
    "starts_on",
    "ends_on",
    "status",
]
CYRILLIC = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdezijklmnoprstufye", strict=True)),
        "ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch",
        "ъ": "", "ь": "", "ю": "yu", "я": "ya",
    }
)  # fmt: skip


def readable_slug(text: str) -> str:
    """ "Летний SPF" becomes "letnij-spf"; empty when nothing readable is left."""
    return slugify(text.lower().translate(CYRILLIC))[:80]


def slug_for(workspace: Workspace, name: str, taken_by: Campaign | None = None) -> str:
    """A readable, unique address part for a campaign."""
    base = readable_slug(name) or "campaign"
    others = Campaign.objects.filter(workspace=workspace)
    if taken_by is not None:
        others = others.exclude(pk=taken_by.pk)
    slug, number = base, 1
    while others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check_campaign(campaign: Campaign) -> None:
    errors = {}
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        errors["ends_on"] = _("The campaign cannot end before it starts.")
    if campaign.brand_id and campaign.brand.workspace_id != campaign.workspace_id:
        errors["brand"] = _("Choose a brand of this workspace.")
    if errors:
        raise ValidationError(errors)
    campaign.full_clean(exclude=["workspace", "slug"])
    if campaign.pk:
        outside = Deliverable.objects.filter(
            partnership__campaign_market__campaign=campaign, deleted_at__isnull=True
        ).exclude(planned_at__date__range=(campaign.starts_on, campaign.ends_on))
        if outside.exists():
            raise ValidationError(
                {"ends_on": _("Some planned posts fall outside these dates: move them first.")}
            )


@transaction.atomic
def create_campaign(
    *,
    workspace: Workspace,
    name: str,
    brand: Brand | str,
    campaign_type: str,
    starts_on: dt.date,
    ends_on: dt.date,
    category: ProductCategory | str | None = None,
    hypothesis_en: str = "",
    hypothesis_ru: str = "",
    status: str = CampaignStatus.DRAFT,
    slug: str = "",
    user=None,
) -> Campaign:
    """Create a campaign; a brand or category given by name is found or created with it."""
    brand = brand_named(workspace, brand) if isinstance(brand, str) else brand
    if isinstance(category, str):
        category = category_named(workspace, category)
    campaign = Campaign(
        workspace=workspace,
        name=name.strip(),
        brand=brand,
        category=category or brand.category,
        campaign_type=campaign_type,
        starts_on=starts_on,
        ends_on=ends_on,
        hypothesis_en=hypothesis_en.strip(),
        hypothesis_ru=hypothesis_ru.strip(),
        status=status,
    )
    _check_campaign(campaign)
    campaign.slug = readable_slug(slug) if slug.strip() else slug_for(workspace, campaign.name)
    if not campaign.slug:
        raise ValidationError({"slug": _("Use letters or digits in the address.")})
    if Campaign.objects.filter(workspace=workspace, slug=campaign.slug).exists():
        raise ValidationError({"slug": _("Another campaign already has this address.")})
    campaign.save()
    record_edit(obj=campaign, user=user, before=None)
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, data: dict, *, user=None) -> Campaign:
    """Change a campaign; planned check-ins follow its dates, and a changed brief is re-signed."""
    before, data = snapshot(campaign), dict(data)
    if isinstance(data.get("brand"), str):
        data["brand"] = brand_named(campaign.workspace, data["brand"])
    if isinstance(data.get("category"), str):
        data["category"] = category_named(campaign.workspace, data["category"])
    for name in CAMPAIGN_FIELDS:
        if name in data:
            setattr(campaign, name, data[name])
    _check_campaign(campaign)
    campaign.save()
    record_edit(obj=campaign, user=user, before=before)
    from aftercast.briefs.services import follow_new_dates, plan_changed

    old_start, old_end = (dt.date.fromisoformat(before[name]) for name in ("starts_on", "ends_on"))
    for piece in campaign.markets.all():
        follow_new_dates(piece, old_start, old_end)
        plan_changed(piece)
    return campaign


def archive_campaign(campaign: Campaign, *, user=None) -> None:
    before = snapshot(campaign)
    campaign.archived_at = timezone.now()
    campaign.save(update_fields=["archived_at", "updated_at"])
    record_edit(obj=campaign, user=user, before=before)


def restore_campaign(campaign: Campaign, *, user=None) -> None:
    before = snapshot(campaign)
    campaign.archived_at = None
    campaign.save(update_fields=["archived_at", "updated_at"])
    record_edit(obj=campaign, user=user, before=before)


@transaction.atomic
def add_market(
    campaign: Campaign,
    *,
    market: Market,
    budget: Decimal = Decimal(0),
    currency: str = "",
    user=None,
) -> CampaignMarket:
    """Add a market to a campaign, with a draft brief and check-ins proposed at 30 % and 50 %."""
    if campaign.markets.filter(market=market).exists():
        raise ValidationError({"market": _("This campaign already runs in this market.")})
    if budget is not None and budget < 0:
        raise ValidationError({"budget": _("A budget cannot be negative.")})
    piece = CampaignMarket(
        workspace_id=campaign.workspace_id,
        campaign=campaign,
        market=market,
        budget=budget or Decimal(0),
        currency=currency_code(currency or market.currency),
    )
    piece.full_clean(exclude=["workspace", "campaign"])
    piece.save()
    record_edit(obj=piece, user=user, before=None)
    from aftercast.briefs.services import start_brief

    start_brief(piece)
    return piece


def currency_code(text: str, field: str = "currency") -> str:
    """An ISO 4217 code Babel knows ("rub" becomes "RUB"); anything else is refused."""
    code = text.strip().upper()
    if code not in list_currencies():
        raise ValidationError({field: _("A currency is three letters, e.g. RUB or USD.")})
    return code


def update_market(
    piece: CampaignMarket, *, budget: Decimal, currency: str, user=None
) -> CampaignMarket:
    if budget < 0:
        raise ValidationError({"budget": _("A budget cannot be negative.")})
    before = snapshot(piece)
    piece.budget, piece.currency = budget, currency_code(currency)
    piece.full_clean(exclude=["workspace", "campaign"])
    piece.save()
    record_edit(obj=piece, user=user, before=before)
    return piece


@transaction.atomic
def remove_market(piece: CampaignMarket, *, user=None) -> None:
    """Remove a market nothing has happened in yet; one with creators, a brief sent for
    sign-off or a held check-in keeps its history."""
    if piece.partnerships.filter(deleted_at__isnull=True).exists():
        raise ValidationError(_("This market has creators: remove or drop them first."))
    brief = getattr(piece, "brief", None)
    if brief is not None and (brief.versions.exists() or brief.sign_offs.exists()):
        raise ValidationError(_("This market's brief was sent for sign-off: it stays."))
    if piece.checkins.exclude(status="planned").exists():
        raise ValidationError(_("A check-in was held in this market: it stays."))
    record_removal(obj=piece, parent=piece.campaign, user=user)
    piece.delete()


def _check_arms(campaign: Campaign, arms: Iterable[Arm]) -> list[Arm]:
    arms = list(arms)
    if any(arm.variant.campaign_id != campaign.pk for arm in arms):
        raise ValidationError({"arms": _("Choose arms of this campaign's own variants.")})
    variants = [arm.variant_id for arm in arms]
    if len(variants) != len(set(variants)):
        raise ValidationError({"arms": _("A creator is in one arm of each variant, not two.")})
    return arms


@transaction.atomic
def add_partnership(
    piece: CampaignMarket,
    *,
    account: CreatorAccount,
    fee: Decimal = Decimal(0),
    currency: str = "",
    arms: Iterable[Arm] = (),
    status: str = PartnershipStatus.PROPOSED,
    user=None,
) -> Partnership:
    """Bring a creator's account into a campaign market, for a fee, in the chosen arms."""
    if account.workspace_id != piece.workspace_id:
        raise ValidationError({"account": _("Choose a creator of this workspace.")})
    if piece.partnerships.filter(account=account).exists():
        raise ValidationError({"account": _("This account already works in this market.")})
    if fee < 0:
        raise ValidationError({"fee": _("A fee cannot be negative.")})
    link = Partnership(
        workspace_id=piece.workspace_id,
        campaign_market=piece,
        account=account,
        fee=fee,
        currency=currency_code(currency or piece.currency),
        status=status,
    )
    link.full_clean(exclude=["workspace", "campaign_market", "account"])
    chosen = _check_arms(piece.campaign, arms)
    link.save()
    link.arms.set(chosen)
    record_edit(obj=link, user=user, before=None)
    _plan_changed(piece)
    return link


@transaction.atomic
def add_new_creator(
    piece: CampaignMarket,
    *,
    name: str,
    account: AccountSpec,
    language: str = "",
    fee: Decimal = Decimal(0),
    currency: str = "",
    arms: Iterable[Arm] = (),
    user=None,
) -> Partnership:
    """Describe a creator on the spot and bring them in: both, or neither when refused."""
    creator = create_creator(
        workspace=piece.campaign.workspace,
        name=name,
        market=piece.market,
        language=language,
        accounts=[account],
    )
    return add_partnership(
        piece, account=creator.accounts.get(), fee=fee, currency=currency, arms=arms, user=user
    )


@transaction.atomic
def update_partnership(
    link: Partnership,
    *,
    fee: Decimal,
    currency: str,
    status: str,
    arms: Iterable[Arm],
    user=None,
) -> Partnership:
    if fee < 0:
        raise ValidationError({"fee": _("A fee cannot be negative.")})
    before = snapshot(link)
    link.fee, link.currency, link.status = fee, currency_code(currency), status
    link.full_clean(exclude=["workspace", "campaign_market", "account"])
    chosen = _check_arms(link.campaign_market.campaign, arms)
    link.save()
    link.arms.set(chosen)
    record_edit(obj=link, user=user, before=before)
    _plan_changed(link.campaign_market)
    return link


def _plan_changed(piece: CampaignMarket) -> None:
    from aftercast.briefs.services import plan_changed

    plan_changed(piece)


def _check_deliverable(post: Deliverable, campaign: Campaign) -> None:
    if post.planned_at is None:
        raise ValidationError({"planned_at": _("Enter the date and time.")})
    if timezone.is_naive(post.planned_at):
        # A time without a zone is the reader's own (API callers, plan files).
        post.planned_at = timezone.make_aware(post.planned_at)
    day = timezone.localtime(post.planned_at).date()
    if not campaign.starts_on <= day <= campaign.ends_on:
        raise ValidationError(
            {
                "planned_at": _("Plan the post within the campaign: %(start)s – %(end)s.")
                % {
                    "start": formatting.date(campaign.starts_on),
                    "end": formatting.date(campaign.ends_on),
                }
            }
        )
    post.full_clean(exclude=["workspace", "partnership", "source_import"])


@transaction.atomic
def add_deliverable(
    link: Partnership,
    *,
    format: str,
    planned_at: dt.datetime,
    url: str = "",
    arms: Iterable[Arm] = (),
    user=None,
) -> Deliverable:
    post = Deliverable(
        workspace_id=link.workspace_id,
        partnership=link,
        format=format,
        planned_at=planned_at,
        url=url,
    )
    _check_deliverable(post, link.campaign_market.campaign)
    post.save()
    post.arms.set(_check_arms(link.campaign_market.campaign, arms))
    record_edit(obj=post, user=user, before=None)
    _plan_changed(link.campaign_market)
    return post


@transaction.atomic
def update_deliverable(
    post: Deliverable, *, format: str, planned_at: dt.datetime, url: str, user=None
) -> Deliverable:
    before = snapshot(post)
    post.format, post.planned_at, post.url = format, planned_at, url
    _check_deliverable(post, post.partnership.campaign_market.campaign)
    post.save()
    record_edit(obj=post, user=user, before=before)
    _plan_changed(post.partnership.campaign_market)
    return post


@transaction.atomic
def remove_deliverable(post: Deliverable, *, user=None) -> None:
    """Remove a planned post; one with measured numbers stays, so nothing measured is lost."""
    if post.observations.exists() or post.comments.exists():
        raise ValidationError(_("This post has measured numbers or comments: it stays."))
    piece = post.partnership.campaign_market
    record_removal(obj=post, parent=piece.campaign, user=user)
    post.delete()
    _plan_changed(piece)


@dataclass(frozen=True)
class ArmSpec:
    label: str
    description: str
    is_control: bool = False


def _check_arm_specs(arms: Sequence[ArmSpec]) -> None:
    labels = [arm.label.strip().upper() for arm in arms]
    if len(arms) < 2:
        raise ValidationError({"arms": _("A test needs at least two arms (A and B).")})
    if any(not label for label in labels) or any(not arm.description.strip() for arm in arms):
        raise ValidationError({"arms": _("Give every arm a label and a description.")})
    if len(set(labels)) != len(labels):
        raise ValidationError({"arms": _("Each arm needs its own label.")})
    if sum(arm.is_control for arm in arms) != 1:
        raise ValidationError({"arms": _("Mark exactly one arm as the control.")})
    descriptions = [arm.description.strip().lower() for arm in arms]
    if len(set(descriptions)) != len(descriptions):
        raise ValidationError({"arms": _("Arms must differ: describe what each one changes.")})


def _check_test(others, name: str, arms: Sequence[ArmSpec], expected_lift) -> None:
    """What a new or changed test must be: arms that differ, a name of its own among the
    campaign's `others`, a hoped-for lift above zero."""
    _check_arm_specs(arms)
    if others.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("This campaign already has a test by this name.")})
    if expected_lift is not None and expected_lift <= 0:
        raise ValidationError({"expected_lift": _("The hoped-for lift must be above zero.")})


@transaction.atomic
def add_variant(
    campaign: Campaign,
    *,
    dimension: str,
    name: str,
    arms: Sequence[ArmSpec],
    description: str = "",
    expected_lift: Decimal | None = None,
    user=None,
) -> Variant:
    """Record what a campaign tests and its arms (one of them the control)."""
    _check_test(campaign.variants.all(), name, arms, expected_lift)
    variant = Variant(
        workspace_id=campaign.workspace_id,
        campaign=campaign,
        dimension=dimension,
        name=name.strip(),
        description=description.strip(),
        expected_lift=expected_lift,
    )
    variant.full_clean(exclude=["workspace", "campaign"])
    variant.save()
    share = Decimal(1) / len(arms)
    for arm in arms:
        Arm.objects.create(
            workspace_id=campaign.workspace_id,
            variant=variant,
            label=arm.label.strip().upper(),
            description=arm.description.strip(),
            is_control=arm.is_control,
            planned_share=share.quantize(Decimal("0.0001")),
        )
    record_edit(obj=variant, user=user, before=None)
    return variant


@transaction.atomic
def update_variant(
    variant: Variant,
    *,
    dimension: str,
    name: str,
    arms: Sequence[ArmSpec],
    description: str = "",
    expected_lift: Decimal | None = None,
    user=None,
) -> Variant:
    """Change what a test is and how its arms are described; an arm is dropped only while
    no creator or post is in it."""
    _check_test(variant.campaign.variants.exclude(pk=variant.pk), name, arms, expected_lift)
    before = snapshot(variant)
    variant.dimension, variant.name = dimension, name.strip()
    variant.description, variant.expected_lift = description.strip(), expected_lift
    variant.full_clean(exclude=["workspace", "campaign"])
    variant.save()
    wanted = {arm.label.strip().upper(): arm for arm in arms}
    for arm in variant.arms.all():
        if arm.label not in wanted:
            if arm.partnerships.exists() or arm.deliverables.exists():
                raise ValidationError(
                    {"arms": _("Arm %(label)s has creators: it stays.") % {"label": arm.label}}
                )
            arm.delete()
    share = (Decimal(1) / len(arms)).quantize(Decimal("0.0001"))
    for label, spec in wanted.items():
        Arm.objects.update_or_create(
            variant=variant,
            label=label,
            defaults={
                "workspace_id": variant.workspace_id,
                "description": spec.description.strip(),
                "is_control": spec.is_control,
                "planned_share": share,
            },
        )
    record_edit(obj=variant, user=user, before=before)
    return variant


@transaction.atomic
def remove_variant(variant: Variant, *, user=None) -> None:
    """Remove a test nothing has been measured for yet."""
    if variant.findings.exists():
        raise ValidationError(_("A debrief already reports on this test: it stays."))
    record_removal(obj=variant, parent=variant.campaign, user=user)
    variant.delete()
