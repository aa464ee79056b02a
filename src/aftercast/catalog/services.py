"""Creating and changing creators, their accounts and brands."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from aftercast.catalog.models import (
    Brand,
    Creator,
    CreatorAccount,
    Market,
    Platform,
    ProductCategory,
)
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


# The languages a creator's sign-off page can be shown in.
LANGUAGES = {"ru", "en"}


def check_language(language: str) -> str:
    code = language.strip().lower()[:2]
    if code and code not in LANGUAGES:
        raise ValidationError({"language": _("Choose Russian (ru) or English (en).")})
    return code


def check_handle(handle: str, field: str = "handle") -> str:
    if not HANDLE.match(handle):
        raise ValidationError(
            {field: _("A handle has letters, digits, dots, dashes and underscores only.")}
        )
    return handle


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
    language = check_language(language)
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
    check_handle(handle, field)
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


def category_named(workspace: Workspace, name: str) -> ProductCategory | None:
    """Return the workspace's category called `name` in either language, creating it the
    first time it is named (None for an empty name)."""
    name = name.strip()
    if not name:
        return None
    live = ProductCategory.objects.filter(workspace=workspace, deleted_at__isnull=True)
    found = live.filter(name_en__iexact=name).first() or live.filter(name_ru__iexact=name).first()
    return found or ProductCategory.objects.create(workspace=workspace, name_en=name, name_ru=name)


def brand_named(workspace: Workspace, name: str, category=None) -> Brand:
    """Return the workspace's brand with this name, creating it the first time it is named."""
    name = name.strip()
    if not name:
        raise ValidationError({"brand": _("Name the brand.")})
    brand = Brand.objects.filter(workspace=workspace, name__iexact=name).first()
    if brand is None:
        brand = Brand.objects.create(workspace=workspace, name=name, category=category)
    return brand


# How platforms are written in Russian lists.
PLATFORM_WORDS = {
    "вконтакте": "vk",
    "вк": "vk",
    "инстаграм": "instagram",
    "инстаграмм": "instagram",
    "телеграм": "telegram",
    "телеграмм": "telegram",
    "ютуб": "youtube",
    "тикток": "tiktok",
    "твич": "twitch",
}
HANDLE = re.compile(r"^[\w.\-]{1,120}$")

CREATOR_COLUMNS = {
    "name": ("name", "имя", "creator", "блогер", "автор"),
    "market": ("market", "рынок", "country", "страна"),
    "platform": ("platform", "площадка", "платформа", "network", "соцсеть"),
    "handle": ("handle", "ник", "username", "account", "аккаунт", "логин"),
    "followers": ("followers", "подписчики", "подписчиков", "subscribers", "audience"),
    "language": ("language", "язык"),
    "email": ("email", "e-mail", "почта"),
    "url": ("url", "profile url", "ссылка", "профиль"),
}


@dataclass
class CreatorImport:
    created: int = 0
    accounts_added: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)


def import_creators(workspace: Workspace, path, language: str = "en") -> CreatorImport:
    """Import a creator list (one row per account); all rows are checked before any is written.

    A handle already in the workspace updates that account's followers; a known creator (same
    name and market) gets the new account; anyone else is created.
    """
    from aftercast.imports.tables import read_table
    from aftercast.metrics.inputs import read_number

    table = read_table(path, CREATOR_COLUMNS, ["name", "platform", "handle"])
    markets = {
        name.upper(): m for m in Market.objects.all() for name in (m.code, m.name_en, m.name_ru)
    }
    platforms = {name.lower(): p for p in Platform.objects.all() for name in (p.slug, p.name)}
    platforms.update(
        {name: platforms[slug] for name, slug in PLATFORM_WORDS.items() if slug in platforms}
    )
    result, planned = CreatorImport(), []
    for number, cells in table.rows:
        try:
            market = markets.get((cells.get("market") or "").upper())
            if market is None:
                raise ValidationError(
                    _("unknown market “%(value)s”.") % {"value": cells.get("market", "")}
                )
            platform = platforms.get((cells.get("platform") or "").lower())
            if platform is None:
                raise ValidationError(
                    _("unknown platform “%(value)s”.") % {"value": cells.get("platform", "")}
                )
            followers = (
                int(read_number(cells["followers"], language)) if cells.get("followers") else 0
            )
            if followers < 0:
                raise ValidationError(_("Followers cannot be negative."))
            handle = clean_handle(cells["handle"])
            if not handle or not cells.get("name"):
                raise ValidationError(_("A row needs a name and a handle."))
            planned.append(
                (cells, market, AccountSpec(platform, handle, followers, cells.get("url", "")))
            )
        except ValidationError as error:
            result.problems.append(
                _("Row %(row)s: %(reason)s") % {"row": number, "reason": " ".join(error.messages)}
            )
    if not result.problems:
        _write_creators(workspace, planned, result)
    return result


@transaction.atomic
def _write_creators(workspace: Workspace, planned, result: CreatorImport) -> None:
    for cells, market, spec in planned:
        account = CreatorAccount.objects.filter(
            workspace=workspace, platform=spec.platform, handle__iexact=spec.handle
        ).first()
        if account is not None:
            if spec.followers and spec.followers != account.followers:
                account.followers = spec.followers
                account.save(update_fields=["followers", "updated_at"])
                result.updated += 1
            continue
        person = Creator.objects.filter(
            workspace=workspace,
            name__iexact=cells["name"].strip(),
            market=market,
            deleted_at__isnull=True,
        ).first()
        if person is None:
            create_creator(
                workspace=workspace,
                name=cells["name"],
                market=market,
                language=(cells.get("language") or "")[:2].lower(),
                email=cells.get("email", ""),
                accounts=[spec],
            )
            result.created += 1
        else:
            add_account(person, spec)
            result.accounts_added += 1


def update_creator(creator: Creator, data: dict) -> Creator:
    """Change a creator's name, market, language, email or notes."""
    for name in ("name", "market", "language", "email", "notes"):
        if name in data:
            setattr(creator, name, data[name])
    if not creator.name.strip():
        raise ValidationError({"name": _("Enter the creator's name.")})
    creator.language = check_language(creator.language) or creator.market.language
    creator.full_clean(exclude=["workspace"])
    creator.save()
    return creator
