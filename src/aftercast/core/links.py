"""Links for people without an account, of every kind (a creator's results, a shared case
study, a creator's story, a partner's review): created for some days, signed, opened, revoked.
Each kind (a PublicLink model) says only what else closes it."""

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.core.models import PublicLink

Link = TypeVar("Link", bound=PublicLink)


class LinkProblem(Exception):
    """Why a link cannot be opened: "invalid", "expired" or "revoked"."""

    def __init__(self, code: str, link: PublicLink | None = None):
        super().__init__(code)
        self.code, self.link = code, link


def check_days(days: int, most: int) -> None:
    if not 1 <= days <= most:
        raise ValidationError(
            {"days": _("A link lasts between 1 and %(max)s days.") % {"max": most}}
        )


def create_link(model: type[Link], *, days: int, most: int, user=None, **fields: Any) -> Link:
    check_days(days, most)
    return model._default_manager.create(
        created_by=user if getattr(user, "is_authenticated", False) else None,
        expires_at=timezone.now() + dt.timedelta(days=days),
        **fields,
    )


def token_of(link: PublicLink) -> str:
    """The link's token: signed, and the same every time (the expiry is kept in the database),
    so the address copied yesterday is the one the page shows today."""
    return signing.Signer(salt=link.TOKEN_SALT).sign_object(
        {link.TOKEN_KEY: link.pk}, compress=True
    )


def open_link(
    found: "QuerySet[Link]", token: str, closed: Callable[[Link], bool] = lambda link: False
) -> Link:
    """The link of `found`'s model a token stands for, counted as opened; LinkProblem says
    why not. `closed` says when what the link shows is gone (it then reads as revoked)."""
    model = found.model
    try:
        payload = signing.Signer(salt=model.TOKEN_SALT).unsign_object(token)
        link = found.get(pk=payload[model.TOKEN_KEY])
    except (signing.BadSignature, model.DoesNotExist, KeyError, TypeError):
        raise LinkProblem("invalid") from None
    # Removed (with what it shows): closed, as a revoked link is; a restore opens it again.
    if link.deleted_at is not None or link.revoked_at is not None or closed(link):
        raise LinkProblem("revoked", link)
    if link.expires_at <= timezone.now():
        raise LinkProblem("expired", link)
    model._default_manager.filter(pk=link.pk).update(
        times_opened=F("times_opened") + 1, last_opened_at=timezone.now()
    )
    return link


def revoke(link: Link) -> Link:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
    return link


def live(found: "QuerySet[Link]") -> "QuerySet[Link]":
    """The links of `found` still open."""
    return found.filter(
        deleted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
