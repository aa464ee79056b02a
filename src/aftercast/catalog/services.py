"""Creating and changing creators, their accounts and brands."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
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
    markets = {m.code: m for m in Market.objects.all()}
    platforms = {p.slug: p for p in Platform.objects.all()}
    platforms.update({p.name.lower(): p for p in Platform.objects.all()})
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


def archive_creator(creator: Creator) -> None:
    """Take a creator out of the catalogue; the campaigns they worked on keep them."""
    creator.deleted_at = timezone.now()
    creator.save(update_fields=["deleted_at", "updated_at"])
