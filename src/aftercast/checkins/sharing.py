"""Sharing preliminary results with a creator mid-flight: a signed, expiring, revocable link to
a read-only page of their own numbers (never another creator's), in their language."""

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Partnership, PartnershipStatus
from aftercast.checkins.models import CheckIn, CheckInStatus, ResultsLink

LINK_SALT = "aftercast.checkins.creator-results"
LINK_DAYS = 14
MAX_DAYS = 90


class ResultsLinkProblem(Exception):
    """Why a results link cannot be opened: "invalid", "expired" or "revoked"."""

    def __init__(self, code: str, link: ResultsLink | None = None):
        super().__init__(code)
        self.code, self.link = code, link


@dataclass(frozen=True)
class SharedLink:
    link: ResultsLink
    token: str


def share_results(partnership: Partnership, *, user=None, days: int | None = None) -> SharedLink:
    """A link to the creator's results so far, valid for `days`: by default two weeks, or a
    week past the campaign's end when that is later."""
    if days is None:
        left = (partnership.campaign_market.campaign.ends_on - timezone.localdate()).days + 7
        days = min(MAX_DAYS, max(LINK_DAYS, left))
    if partnership.deleted_at is not None or partnership.status == PartnershipStatus.DROPPED:
        raise ValidationError(_("This creator is no longer in the campaign."))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {"days": _("A link lasts between 1 and %(max)s days.") % {"max": MAX_DAYS}}
        )
    now = timezone.now()
    # One open link per creator: sharing again extends it rather than adding another.
    open_now = live_links([partnership])
    link = open_now[0] if open_now else None
    if link is not None:
        link.expires_at = max(link.expires_at, now + dt.timedelta(days=days))
        link.save(update_fields=["expires_at", "updated_at"])
    else:
        link = ResultsLink.objects.create(
            workspace_id=partnership.workspace_id,
            partnership=partnership,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            expires_at=now + dt.timedelta(days=days),
        )
    # The seeds share preliminary results after a check-in: the latest one held says so.
    latest = (
        CheckIn.objects.filter(campaign_market_id=partnership.campaign_market_id,
                               status=CheckInStatus.HELD, deleted_at__isnull=True)
        .order_by("-held_on", "-pk")
        .first()
    )  # fmt: skip
    if latest is not None and latest.shared_with_creator_at is None:
        latest.shared_with_creator_at = now
        latest.save(update_fields=["shared_with_creator_at", "updated_at"])
    return SharedLink(link, token_of(link))


def token_of(link: ResultsLink) -> str:
    """The link's token: signed, and the same every time (the expiry is kept in the database),
    so the address copied yesterday is the one the page shows today."""
    return signing.Signer(salt=LINK_SALT).sign_object({"r": link.pk}, compress=True)


def open_results(token: str) -> ResultsLink:
    """The link a token stands for, counted as opened; ResultsLinkProblem says why not."""
    try:
        payload = signing.Signer(salt=LINK_SALT).unsign_object(token)
        link = ResultsLink.objects.select_related(
            "partnership__account__creator",
            "partnership__account__platform",
            "partnership__campaign_market__campaign__brand",
            "partnership__campaign_market__market",
        ).get(pk=payload["r"], deleted_at__isnull=True)
    except (signing.BadSignature, ResultsLink.DoesNotExist, KeyError, TypeError):
        raise ResultsLinkProblem("invalid") from None
    if link.revoked_at is not None:
        raise ResultsLinkProblem("revoked", link)
    creator = link.partnership
    if (
        creator.deleted_at is not None
        or creator.status == PartnershipStatus.DROPPED
        or creator.campaign_market.deleted_at is not None
        or creator.campaign_market.campaign.deleted_at is not None
    ):
        raise ResultsLinkProblem("revoked", link)  # no longer in the campaign: closed too
    if link.expires_at <= timezone.now():
        raise ResultsLinkProblem("expired", link)
    now = timezone.now()
    ResultsLink.objects.filter(pk=link.pk).update(
        times_opened=F("times_opened") + 1, last_opened_at=now
    )
    return link


def revoke(link: ResultsLink) -> ResultsLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
    return link


def market_links(piece) -> list[ResultsLink]:
    """Every link of a market's creators still open, dropped creators' included (to revoke)."""
    return live_links(piece.partnerships.all())


def live_links(partnerships) -> list[ResultsLink]:
    """The links still open for some creators, newest first."""
    return list(
        ResultsLink.objects.filter(
            partnership__in=partnerships,
            deleted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).select_related("partnership__account__creator")
    )
