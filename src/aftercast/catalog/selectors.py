"""Reads for creator pages."""

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import translation

from aftercast.campaigns.models import Partnership
from aftercast.catalog.models import Creator, CreatorAccount
from aftercast.catalog.tiers import tier_case
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
from aftercast.metrics.selectors import partnership_metrics


def creator_list(
    workspace: Workspace, *, market: str = "", platform: str = "", tier: str = "", query: str = ""
) -> QuerySet[Creator]:
    largest = (
        CreatorAccount.objects.filter(creator=OuterRef("pk"))
        .values("creator")
        .annotate(most=Max("followers"))
        .values("most")
    )
    # A subquery rather than a join: the page's count and filters need no GROUP BY.
    creators = in_workspace(Creator.objects.all(), workspace).annotate(
        max_followers=Subquery(largest)
    )
    if market:
        creators = creators.filter(market__code=market)
    if platform:
        creators = creators.filter(
            Exists(CreatorAccount.objects.filter(creator=OuterRef("pk"), platform__slug=platform))
        )
    if query:
        # Handles are kept without their "@"; readers often type it.
        handle = query.lstrip("@")
        handles = CreatorAccount.objects.filter(creator=OuterRef("pk"), handle__icontains=handle)
        creators = creators.filter(
            Q(name__icontains=query) | (Exists(handles) if handle else Q(pk__in=[]))
        )
    if tier:
        creators = creators.annotate(tier_key=tier_case("max_followers")).filter(tier_key=tier)
    return (
        creators.select_related("market")
        .prefetch_related("accounts__platform")
        .order_by("-max_followers", "name")
    )


def count_partnerships(creators: list[Creator]) -> list[Creator]:
    """Set `partnership_count` on the creators of one page (counted for them only, not for the
    whole workspace the page is sorted from)."""
    counts = dict(
        Partnership.objects.filter(
            account__creator__in=[creator.pk for creator in creators], deleted_at__isnull=True
        )
        .values("account__creator")
        .annotate(count=Count("pk"))
        .values_list("account__creator", "count")
    )
    for creator in creators:
        creator.partnership_count = counts.get(creator.pk, 0)  # type: ignore[attr-defined]
    return creators


def creator_history(creator: Creator) -> list[tuple[Partnership, dict]]:
    """Return the creator's partnerships, newest first, each with its metrics."""
    partnerships = list(
        Partnership.objects.filter(account__creator=creator, deleted_at__isnull=True)
        .select_related("account__platform", "campaign_market__campaign", "campaign_market__market")
        .order_by("-campaign_market__campaign__starts_on")
    )
    metrics = partnership_metrics(partnerships)
    return [(p, metrics[p.pk]) for p in partnerships]


def creator_page_language(creator: Creator | None, request) -> str:
    """The language of a page sent to a creator: the one they switch to (?lang=), else
    theirs, else the browser's (a link nobody can be found for)."""
    asked = request.GET.get("lang", "")
    if asked in {"ru", "en"}:
        return asked
    language = (creator.language or "") if creator is not None else ""
    if language[:2] in {"ru", "en"}:
        return language[:2]
    return translation.get_language() or "en"
