"""Sharing preliminary results with a creator mid-flight: a signed, expiring, revocable link to
a read-only page of their own numbers (never another creator's), in their language."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Partnership, PartnershipStatus
from aftercast.checkins.models import CheckIn, CheckInStatus, ResultsLink
from aftercast.core import links
from aftercast.core.links import LinkProblem, revoke, token_of

__all__ = ["LinkProblem", "revoke", "token_of"]  # the views' and the API's names for them

LINK_DAYS = 14
MAX_DAYS = 90


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
    links.check_days(days, MAX_DAYS)
    now = timezone.now()
    # One open link per creator: sharing again extends it rather than adding another.
    open_now = live_links([partnership])
    link = open_now[0] if open_now else None
    if link is not None:
        link.expires_at = max(link.expires_at, now + dt.timedelta(days=days))
        link.save(update_fields=["expires_at", "updated_at"])
    else:
        link = links.create_link(
            ResultsLink, days=days, most=MAX_DAYS, user=user,
            workspace_id=partnership.workspace_id, partnership=partnership,
        )  # fmt: skip
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


def _gone(link: ResultsLink) -> bool:
    """A creator no longer in the campaign closes their link."""
    creator = link.partnership
    return (
        creator.deleted_at is not None
        or creator.status == PartnershipStatus.DROPPED
        or creator.campaign_market.deleted_at is not None
        or creator.campaign_market.campaign.deleted_at is not None
    )


def open_results(token: str) -> ResultsLink:
    """The link a token stands for, counted as opened; LinkProblem says why not."""
    found = ResultsLink.objects.select_related(
        "partnership__account__creator",
        "partnership__account__platform",
        "partnership__campaign_market__campaign__brand",
        "partnership__campaign_market__market",
    )
    return links.open_link(found, token, _gone)


def market_links(piece) -> list[ResultsLink]:
    """Every link of a market's creators still open, dropped creators' included (to revoke)."""
    return live_links(piece.partnerships.all())


def live_links(partnerships) -> list[ResultsLink]:
    """The links still open for some creators, newest first."""
    found = ResultsLink.objects.filter(partnership__in=partnerships)
    return list(links.live(found).select_related("partnership__account__creator"))
