"""Creating and changing creators, their accounts and brands."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from aftercast.catalog.models import Brand, Creator, CreatorAccount, Market, Platform
from aftercast.core.models import Workspace


@dataclass(frozen=True)
class AccountSpec:
    platform: Platform
    handle: str
    followers: int = 0
    url: str = ""


def clean_handle(handle: str) -> str:
    """People paste "@anna", "anna " or a profile link's last part; the handle is "anna"."""
    return handle.strip().lstrip("@").rstrip("/").rsplit("/", 1)[-1].strip()


def _check_handle_free(workspace: Workspace, platform: Platform, handle: str, field: str) -> None:
    taken = CreatorAccount.objects.filter(
        workspace=workspace, platform=platform, handle__iexact=handle
    ).select_related("creator")
    if taken:
        raise ValidationError(
            {
                field: _("@%(handle)s on %(platform)s is already %(creator)s's account.")
                % {"handle": handle, "platform": platform.name, "creator": taken[0].creator.name}
            }
        )


@transaction.atomic
def create_creator(
    *,
    workspace: Workspace,
    name: str,
    market: Market,
    language: str = "",
    email: str = "",
    accounts: Iterable[AccountSpec] = (),
) -> Creator:
    """Create a creator with their accounts; a handle already in the workspace is refused."""
    if not name.strip():
        raise ValidationError({"name": _("Enter the creator's name.")})
    creator = Creator(
        workspace=workspace,
        name=name.strip(),
        market=market,
        language=language or market.language,
        email=email,
    )
    creator.full_clean(exclude=["workspace"])
    creator.save()
    for spec in accounts:
        add_account(creator, spec)
    return creator


def add_account(creator: Creator, spec: AccountSpec, field: str = "handle") -> CreatorAccount:
    handle = clean_handle(spec.handle)
    if not handle:
        raise ValidationError({field: _("Enter the account's handle.")})
    if spec.followers < 0:
        raise ValidationError({"followers": _("Followers cannot be negative.")})
    _check_handle_free(creator.workspace, spec.platform, handle, field)
    account = CreatorAccount(
        workspace=creator.workspace,
        creator=creator,
        platform=spec.platform,
        handle=handle,
        followers=spec.followers,
        url=spec.url,
    )
    account.full_clean(exclude=["workspace", "creator"])
    account.save()
    return account


def brand_named(workspace: Workspace, name: str, category=None) -> Brand:
    """Return the workspace's brand with this name, creating it the first time it is named."""
    name = name.strip()
    if not name:
        raise ValidationError({"brand": _("Name the brand.")})
    brand = Brand.objects.filter(workspace=workspace, name__iexact=name).first()
    if brand is None:
        brand = Brand.objects.create(workspace=workspace, name=name, category=category)
    return brand
