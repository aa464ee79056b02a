import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from aftercast.briefs.models import Brief, SignOff, SignOffRole
from aftercast.briefs.sign_offs import current_sign_offs, link_problem, link_token
from aftercast.briefs.versions import BRIEF_FIELDS
from aftercast.briefs.wording import field_label, field_words
from aftercast.campaigns.models import Campaign, CampaignMarket
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace


def brief_list(
    workspace: Workspace,
    *,
    status: str = "",
    market: str = "",
    brand: str = "",
    starts_from: dt.date | None = None,
    ends_by: dt.date | None = None,
) -> QuerySet[Brief]:
    briefs = in_workspace(Brief.objects.all(), workspace)
    if brand:
        briefs = briefs.filter(campaign_market__campaign__brand__name=brand)
    if starts_from:
        briefs = briefs.filter(campaign_market__campaign__ends_on__gte=starts_from)
    if ends_by:
        briefs = briefs.filter(campaign_market__campaign__starts_on__lte=ends_by)
    if status:
        briefs = briefs.filter(status=status)
    if market:
        briefs = briefs.filter(campaign_market__market__code=market)
    # Only signatures of the brief as it reads now count; a correlated count, so the page's
    # count needs no GROUP BY over every brief's sign-offs.
    signed = (
        SignOff.objects.filter(
            brief=OuterRef("pk"),
            signed_at__isnull=False,
            superseded_at__isnull=True,
            version=OuterRef("version"),
        )
        .order_by()
        .values("brief")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        briefs.select_related("campaign_market__campaign", "campaign_market__market")
        # A row shows these; a page of briefs need not read every text and timestamp.
        .only(
            "workspace_id",
            "status",
            "version",
            "conversion_event",
            "campaign_market__currency",
            "campaign_market__campaign__name",
            "campaign_market__campaign__starts_on",
            "campaign_market__market__code",
        )
        .prefetch_related("kpis")
        .annotate(signed_count=Coalesce(Subquery(signed), 0))
        .order_by("-campaign_market__campaign__starts_on", "campaign_market__market__code")
    )


@dataclass(frozen=True)
class SignOffRow:
    sign_off: SignOff
    link: str  # the creator's link while it can still be used, else ""


def sign_off_rows(brief: Brief) -> list[SignOffRow]:
    """Every sign-off of the brief, the current version's first, with usable creator links."""
    rows = []
    sign_offs = brief.sign_offs.select_related("partnership__account__creator").order_by(
        "-version", "role", "-requested_at"
    )
    for sign_off in sign_offs:
        usable = sign_off.role == SignOffRole.CREATOR and not link_problem(sign_off, brief.version)
        link = reverse("sign_off", args=[link_token(sign_off)]) if usable else ""
        rows.append(SignOffRow(sign_off, link))
    return rows


def who_can_sign(brief: Brief, links) -> dict:
    """Whether the brand still has to sign this version, and which creators to ask."""
    current = current_sign_offs(brief)
    brand_signed = current.filter(role=SignOffRole.BRAND, signed_at__isnull=False).exists()
    accepted = set(
        current.filter(role=SignOffRole.CREATOR, signed_at__isnull=False).values_list(
            "partnership_id", flat=True
        )
    )
    return {
        "brand_may_sign": not brand_signed,
        "to_ask": [link for link in links if link.pk not in accepted],
    }


def version_fields(content: dict) -> list[tuple[str, str]]:
    """A stored version's text fields as (label, value) in the reader's language."""

    shown = []
    for name in BRIEF_FIELDS:
        value = content["fields"].get(name)
        if value in ("", None):
            continue
        if name == "content_specs":  # the checklist, as the brief shows it
            value = "; ".join(Brief(content_specs=value).spec_items)
        shown.append((field_label(name), field_words(name, value)))
    return shown


@dataclass
class BriefColumn:
    """One market's brief, as a column of the side-by-side page."""

    campaign_market: CampaignMarket
    brief: Brief | None
    kpis: list = field(default_factory=list)
    checkins: list = field(default_factory=list)
    creators: list = field(default_factory=list)

    @property
    def primary(self):
        return next((kpi for kpi in self.kpis if kpi.is_primary), None)


def side_by_side(campaign: Campaign) -> list[BriefColumn]:
    columns = []
    pieces = campaign.markets.select_related("market", "brief").prefetch_related(
        "brief__kpis", "checkins"
    )
    for piece in pieces:
        brief = getattr(piece, "brief", None)
        links = (
            piece.partnerships.filter(deleted_at__isnull=True)
            .select_related("account__creator", "account__platform")
            .prefetch_related("deliverables")
        )
        columns.append(
            BriefColumn(
                campaign_market=piece,
                brief=brief,
                kpis=list(brief.kpis.all()) if brief else [],
                checkins=[c for c in piece.checkins.all() if c.deleted_at is None],
                creators=list(links),
            )
        )
    return columns


def mismatches(columns: list[BriefColumn]) -> list[str]:
    """Where the markets' definitions of success differ: said before launch, not after."""
    from aftercast.metrics.registry import get_metric

    notes = []
    primaries = {c.campaign_market.market.name: c.primary for c in columns}
    if len(columns) > 1 and any(kpi is None for kpi in primaries.values()):
        missing = [name for name, kpi in primaries.items() if kpi is None]
        notes.append(
            _("No primary KPI yet in: %(markets)s. Success is undefined there.")
            % {"markets": ", ".join(missing)}
        )
    metrics = {name: kpi.metric for name, kpi in primaries.items() if kpi is not None}
    if len(set(metrics.values())) > 1:
        judged = "; ".join(
            _("%(market)s judges %(metric)s") % {"market": name, "metric": get_metric(key).name}
            for name, key in metrics.items()
        )
        notes.append(
            _(
                "The markets define success differently (%(judged)s). Make sure every creator "
                "and the brand know which number their market is judged by."
            )
            % {"judged": judged}
        )
    events = {
        c.campaign_market.market.name: c.brief.conversion_event.strip().lower()
        for c in columns
        if c.brief and c.brief.conversion_event.strip()
    }
    if len(set(events.values())) > 1:
        notes.append(_("A conversion means something different in each market: compare the rows."))
    return notes
