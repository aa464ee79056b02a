"""Writing a brief, its KPIs and check-in dates, and getting it signed.

A brief that has been sent for sign-off is frozen as a version; changing it afterwards makes
the next version and the earlier sign-offs no longer hold. Creators sign through a link that
is signed (cannot be altered), single-purpose, expiring and answered once.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercast.briefs.models import (
    Brief,
    BriefStatus,
    BriefVersion,
    KpiTarget,
    SignOff,
    SignOffRole,
)
from aftercast.campaigns.models import CampaignMarket, Deliverable, Partnership
from aftercast.campaigns.selectors import active_partnerships
from aftercast.checkins.models import CheckIn, CheckInStatus
from aftercast.core import formatting
from aftercast.core.history import KPI_CHANGE, update_tracked
from aftercast.core.models import EditRecord
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric, missing_inputs

BRIEF_FIELDS = [
    "conversion_event",
    "conversion_window_days",
    "attribution_model",
    "content_specs",
    "posting_schedule",
    "feedback_loop",
    "notes",
]
# Check-ins are proposed 30 % and 50 % into the run: late enough to have numbers, early enough
# to change course.
CHECKIN_POINTS = (0.3, 0.5)
LINK_SALT = "aftercast.briefs.creator-sign-off"
LINK_DAYS = 14


def proposed_checkin_dates(piece: CampaignMarket) -> list[dt.date]:
    campaign = piece.campaign
    span = (campaign.ends_on - campaign.starts_on).days
    days = sorted({round(span * point) for point in CHECKIN_POINTS})
    return [campaign.starts_on + dt.timedelta(days=day) for day in days]


def start_brief(piece: CampaignMarket) -> Brief:
    """Create the market's draft brief and its proposed check-ins (once)."""
    brief, created = Brief.objects.get_or_create(
        campaign_market=piece, defaults={"workspace_id": piece.workspace_id}
    )
    if created:
        for day in proposed_checkin_dates(piece):
            CheckIn.objects.create(
                workspace_id=piece.workspace_id, campaign_market=piece, scheduled_on=day
            )
    return brief


def planned_checkins(piece: CampaignMarket):
    return piece.checkins.filter(status=CheckInStatus.PLANNED, deleted_at__isnull=True).order_by(
        "scheduled_on"
    )


def move_checkins_into_run(piece: CampaignMarket) -> None:
    """After the campaign's dates change, planned check-ins outside the run are proposed anew."""
    campaign = piece.campaign
    outside = planned_checkins(piece).exclude(
        scheduled_on__range=(campaign.starts_on, campaign.ends_on)
    )
    if outside.exists():
        outside.delete()
        taken = set(planned_checkins(piece).values_list("scheduled_on", flat=True))
        for day in proposed_checkin_dates(piece):
            if day not in taken:
                CheckIn.objects.create(
                    workspace_id=piece.workspace_id, campaign_market=piece, scheduled_on=day
                )


def check_checkin_dates(piece: CampaignMarket, days: list[dt.date]) -> list[dt.date]:
    campaign = piece.campaign
    if len(set(days)) != len(days):
        raise ValidationError({"checkin_dates": _("Two check-ins fall on the same day.")})
    outside = [day for day in days if not campaign.starts_on <= day <= campaign.ends_on]
    if outside:
        raise ValidationError(
            {
                "checkin_dates": _("Check-ins must fall within the run (%(start)s – %(end)s).")
                % {
                    "start": formatting.date(campaign.starts_on),
                    "end": formatting.date(campaign.ends_on),
                }
            }
        )
    return sorted(set(days))


# --- what a version holds, and how two versions differ -------------------------------------


def content_of(brief: Brief) -> dict:
    """The brief as it reads now: its fields, KPIs, planned check-ins and the posts planned
    for its market (what a creator signs), as plain data."""
    return {
        "fields": {name: _plain(getattr(brief, name)) for name in BRIEF_FIELDS},
        "kpis": [
            {
                "metric": kpi.metric,
                "target": str(kpi.target),
                "minimum": None if kpi.minimum is None else str(kpi.minimum),
                "primary": kpi.is_primary,
            }
            for kpi in brief.kpis.order_by("-is_primary", "metric")
        ],
        "checkins": [day.isoformat() for day in planned_checkin_days(brief)],
        "schedule": [
            [post.partnership.account.creator.name, post.format, post.planned_at.isoformat()]
            for post in Deliverable.objects.filter(
                partnership__in=active_partnerships(brief.campaign_market), deleted_at__isnull=True
            )
            .select_related("partnership__account__creator")
            .order_by("planned_at", "pk")
        ],
        "currency": brief.campaign_market.currency,
    }


def planned_checkin_days(brief: Brief) -> list[dt.date]:
    return list(planned_checkins(brief.campaign_market).values_list("scheduled_on", flat=True))


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def _changed(brief: Brief, user) -> None:
    """A brief that was sent for sign-off and now reads differently starts its next version."""
    sent = BriefVersion.objects.filter(brief=brief, number=brief.version).first()
    if sent is None:
        # This version was never sent: nothing to re-sign, and its status (draft, or awaiting
        # a first signature on it) cannot change with its content.
        return
    if sent.content != content_of(brief):
        brief.sign_offs.filter(version=brief.version, superseded_at__isnull=True).update(
            superseded_at=timezone.now()
        )
        brief.version += 1
        brief.save(update_fields=["version", "updated_at"])
    refresh_status(brief)


def plan_changed(piece: CampaignMarket) -> None:
    """The market's creators or posts changed: its brief may read differently now."""
    brief = Brief.objects.filter(campaign_market=piece).first()
    if brief is not None:
        _changed(brief, None)


def freeze(brief: Brief, user) -> BriefVersion:
    """Keep the brief as it is now as its current version (once per version)."""
    version, _created = BriefVersion.objects.get_or_create(
        brief=brief,
        number=brief.version,
        defaults={
            "workspace_id": brief.workspace_id,
            "content": content_of(brief),
            "created_by": user if user is not None and user.is_authenticated else None,
        },
    )
    return version


# --- editing ---------------------------------------------------------------------------------


@transaction.atomic
def update_brief(
    brief: Brief, *, user, data: dict, checkin_dates=None, before=None, before_content=None
) -> Brief:
    """Change the brief's text fields and (when given) its planned check-in dates.

    A bound form has already written the new values onto the instance when it validates:
    `before` and `before_content` are then the brief as it was loaded.
    """
    before_content = content_of(brief) if before_content is None else before_content
    update_tracked(obj=brief, user=user, data=data, fields=BRIEF_FIELDS, before=before)
    if checkin_dates is not None:
        set_checkin_dates(brief, checkin_dates)
    if content_of(brief) != before_content:
        _changed(brief, user)
    return brief


def set_checkin_dates(brief: Brief, days: list[dt.date]) -> None:
    piece = brief.campaign_market
    days = check_checkin_dates(piece, days)
    current = {checkin.scheduled_on: checkin for checkin in planned_checkins(piece)}
    for day, checkin in current.items():
        if day not in days:
            checkin.delete()
    for day in days:
        if day not in current:
            CheckIn.objects.create(
                workspace_id=brief.workspace_id, campaign_market=piece, scheduled_on=day
            )


def _platforms_of(brief: Brief) -> list[str]:
    return list(
        active_partnerships(brief.campaign_market)
        .values_list("account__platform__slug", flat=True)
        .distinct()
    )


def check_kpi(brief: Brief, metric: str, target: Decimal, minimum: Decimal | None) -> None:
    errors = {}
    definition = get_metric(metric)
    platforms = _platforms_of(brief)
    if platforms and all(missing_inputs(metric, slug) for slug in platforms):
        gaps = sorted({gap for slug in platforms for gap in missing_inputs(metric, slug)})
        errors["metric"] = _(
            "The platforms of this market's creators do not report %(missing)s, so %(metric)s "
            "cannot be measured here. Choose another metric."
        ) % {
            "missing": ", ".join(str(get_metric(gap).name).lower() for gap in gaps),
            "metric": definition.name,
        }
    if minimum is not None:
        wrong_side = minimum > target if definition.higher_is_better else minimum < target
        if wrong_side:
            errors["minimum"] = str(
                _("The acceptable minimum cannot be above the target.")
                if definition.higher_is_better
                else _("For a cost, the acceptable limit cannot be below the target.")
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def set_kpi(
    brief: Brief,
    *,
    user,
    metric: str,
    target: Decimal,
    minimum: Decimal | None = None,
    is_primary: bool = False,
    kpi: KpiTarget | None = None,
) -> KpiTarget:
    """Add or change one KPI target; a new primary KPI takes over from the old one."""
    check_kpi(brief, metric, target, minimum)
    before = _kpis_of(brief)
    clash = brief.kpis.filter(metric=metric)
    if kpi is not None:
        clash = clash.exclude(pk=kpi.pk)
    if clash.exists():
        raise ValidationError({"metric": _("This brief already has a target for this metric.")})
    if is_primary:
        others = brief.kpis.exclude(pk=kpi.pk) if kpi is not None else brief.kpis.all()
        others.update(is_primary=False)
    kpi = kpi or KpiTarget(workspace_id=brief.workspace_id, brief=brief)
    kpi.metric, kpi.target, kpi.minimum, kpi.is_primary = metric, target, minimum, is_primary
    kpi.full_clean(exclude=["workspace", "brief"])
    kpi.save()
    _record_kpis(brief, user, before)
    _changed(brief, user)
    return kpi


@transaction.atomic
def remove_kpi(kpi: KpiTarget, *, user) -> None:
    brief = kpi.brief
    before = _kpis_of(brief)
    kpi.delete()
    _record_kpis(brief, user, before)
    _changed(brief, user)


def _kpis_of(brief: Brief) -> dict[str, dict]:
    return {kpi["metric"]: kpi for kpi in content_of(brief)["kpis"]}


def _record_kpis(brief: Brief, user, before: dict[str, dict]) -> None:
    """Keep KPI changes in the brief's history, as raw values rendered when shown."""
    after = _kpis_of(brief)
    changes = {
        f"{KPI_CHANGE}{metric}": [before.get(metric), after.get(metric)]
        for metric in sorted(before.keys() | after.keys())
        if before.get(metric) != after.get(metric)
    }
    if changes:
        EditRecord.objects.create(
            workspace_id=brief.workspace_id,
            content_type=ContentType.objects.get_for_model(brief),
            object_id=brief.pk,
            user=user if user is not None and user.is_authenticated else None,
            action=EditRecord.Action.CHANGED,
            changes=changes,
        )


# --- signing ---------------------------------------------------------------------------------


def _ready_to_sign(brief: Brief) -> None:
    if not brief.kpis.filter(is_primary=True).exists():
        raise ValidationError(
            _("The brief has no primary KPI: say what defines success before asking to sign.")
        )


def _current_sign_offs(brief: Brief):
    return brief.sign_offs.filter(version=brief.version, superseded_at__isnull=True)


def refresh_status(brief: Brief) -> str:
    """Draft until sent; signed once the brand and every active creator accepted this version."""
    current = list(_current_sign_offs(brief))
    brand_signed = any(s.role == SignOffRole.BRAND and s.signed_at for s in current)
    creators = set(active_partnerships(brief.campaign_market).values_list("pk", flat=True))
    accepted = {s.partnership_id for s in current if s.role == SignOffRole.CREATOR and s.signed_at}
    if not current:
        # A brief sent for sign-off before and changed since waits for signatures again.
        sent_before = BriefVersion.objects.filter(brief=brief).exists()
        status = BriefStatus.AWAITING_SIGN_OFF if sent_before else BriefStatus.DRAFT
    elif brand_signed and creators <= accepted:
        status = BriefStatus.SIGNED
    else:
        status = BriefStatus.AWAITING_SIGN_OFF
    # Written through the table: another copy of this brief (a creator's answer) may have
    # changed the status since this one was loaded.
    Brief.objects.filter(pk=brief.pk).exclude(status=status).update(
        status=status, updated_at=timezone.now()
    )
    brief.status = status
    return status


@transaction.atomic
def sign_as_brand(brief: Brief, *, user, signer_name: str = "") -> SignOff:
    """The brand side accepts the current version of the brief."""
    _ready_to_sign(brief)
    if _current_sign_offs(brief).filter(role=SignOffRole.BRAND, signed_at__isnull=False).exists():
        raise ValidationError(_("The brand has already signed this version."))
    freeze(brief, user)
    now = timezone.now()
    sign_off = SignOff.objects.create(
        workspace_id=brief.workspace_id,
        brief=brief,
        role=SignOffRole.BRAND,
        signer_name=signer_name or user.get_full_name() or user.get_username(),
        user=user,
        requested_at=now,
        signed_at=now,
        responded_at=now,
        version=brief.version,
    )
    refresh_status(brief)
    return sign_off


@transaction.atomic
def request_creator_sign_off(
    brief: Brief, *, user, partnership: Partnership, days: int = LINK_DAYS
) -> tuple[SignOff, str]:
    """Ask a creator to accept the brief; returns the sign-off and the token of their link.

    An earlier unanswered request of the same version is replaced: only the newest link works.
    """
    _ready_to_sign(brief)
    if not active_partnerships(brief.campaign_market).filter(pk=partnership.pk).exists():
        raise ValidationError({"partnership": _("This creator does not work in this market.")})
    freeze(brief, user)
    now = timezone.now()
    _current_sign_offs(brief).filter(partnership=partnership, responded_at__isnull=True).update(
        superseded_at=now
    )
    sign_off = SignOff.objects.create(
        workspace_id=brief.workspace_id,
        brief=brief,
        role=SignOffRole.CREATOR,
        signer_name=partnership.account.creator.name,
        partnership=partnership,
        requested_at=now,
        link_expires_at=now + dt.timedelta(days=days),
        version=brief.version,
    )
    refresh_status(brief)
    return sign_off, link_token(sign_off)


def link_token(sign_off: SignOff) -> str:
    return signing.dumps({"s": sign_off.pk, "v": sign_off.version}, salt=LINK_SALT, compress=True)


class LinkProblem(Exception):
    """Why a creator's link cannot be used; `code` names it, `sign_off` is set when known."""

    def __init__(self, code: str, sign_off: SignOff | None = None):
        super().__init__(code)
        self.code, self.sign_off = code, sign_off


def open_link(token: str, *, lock: bool = False) -> SignOff:
    """Return the sign-off a creator's link asks for, or raise LinkProblem saying why not.

    With `lock`, the row is locked first and checked after, so two answers at once cannot
    both pass (inside a transaction)."""
    found = SignOff.objects.select_related(
        "brief__campaign_market__campaign__brand",
        "brief__campaign_market__market",
        "partnership__account__creator",
    )
    try:
        payload = signing.loads(token, salt=LINK_SALT)
        if lock:
            found = found.select_for_update(of=("self",))
        sign_off = found.get(pk=payload["s"], version=payload["v"], role=SignOffRole.CREATOR)
    except (signing.BadSignature, SignOff.DoesNotExist, KeyError, TypeError):
        raise LinkProblem("invalid") from None
    if sign_off.responded_at is not None:
        raise LinkProblem("used", sign_off)
    if sign_off.superseded_at is not None or sign_off.brief.version != sign_off.version:
        raise LinkProblem("superseded", sign_off)
    if sign_off.link_expires_at is None or sign_off.link_expires_at <= timezone.now():
        raise LinkProblem("expired", sign_off)
    return sign_off


@transaction.atomic
def answer_link(token: str, *, accept: bool, comment: str = "") -> SignOff:
    """Record the creator's answer: acceptance, or a comment asking for changes. Once only."""
    sign_off = open_link(token, lock=True)
    if not accept and not comment.strip():
        raise ValidationError({"comment": _("Say what should change, so the brand can answer.")})
    now = timezone.now()
    sign_off.responded_at = now
    sign_off.signed_at = now if accept else None
    sign_off.comment = comment.strip()
    sign_off.save(update_fields=["responded_at", "signed_at", "comment", "updated_at"])
    refresh_status(sign_off.brief)
    return sign_off


# --- versions in words -----------------------------------------------------------------------


def version_changes(
    before: dict, after: dict, language: str | None = None
) -> list[tuple[str, str, str]]:
    """Say what changed between two versions: (what, before, after), labels and values in words."""
    labels = {name: field_label(name) for name in BRIEF_FIELDS}
    rows: list[tuple[str, str, str]] = []
    for name in BRIEF_FIELDS:
        old, new = before["fields"].get(name), after["fields"].get(name)
        if old != new:
            rows.append((labels[name], field_words(name, old), field_words(name, new)))
    currency = after.get("currency", "")
    old_kpis = {k["metric"]: k for k in before["kpis"]}
    new_kpis = {k["metric"]: k for k in after["kpis"]}
    for metric in sorted(old_kpis.keys() | new_kpis.keys()):
        old, new = old_kpis.get(metric), new_kpis.get(metric)
        if old != new:
            rows.append(
                (
                    str(get_metric(metric).name),
                    kpi_words(old, currency, language),
                    kpi_words(new, currency, language),
                )
            )
    if before.get("schedule", []) != after.get("schedule", []):
        rows.append(
            (
                str(_("Posting schedule")),
                _schedule_words(before.get("schedule", []), language),
                _schedule_words(after.get("schedule", []), language),
            )
        )
    if before["checkins"] != after["checkins"]:
        rows.append(
            (
                str(_("Check-in dates")),
                days_words(before["checkins"], language),
                days_words(after["checkins"], language),
            )
        )
    return rows


def field_label(name: str) -> str:
    return str(Brief._meta.get_field(name).verbose_name).capitalize()  # type: ignore[union-attr]


def kpi_words(kpi: dict | None, currency: str = "", language: str | None = None) -> str:
    if kpi is None:
        return "—"
    target = metric_value(kpi["metric"], Decimal(kpi["target"]), currency, language)
    text = str(_("target %(target)s") % {"target": target})
    if kpi.get("minimum") is not None:
        minimum = metric_value(kpi["metric"], Decimal(kpi["minimum"]), currency, language)
        # For a cost the acceptable bound is a ceiling, not a floor.
        bound = (
            _("minimum %(minimum)s")
            if get_metric(kpi["metric"]).higher_is_better
            else _("at most %(minimum)s")
        )
        text += ", " + str(bound % {"minimum": minimum})
    if kpi.get("primary"):
        text += " (" + str(_("primary")) + ")"
    return text


def field_words(name: str, value) -> str:
    if value in ("", None):
        return "—"
    if name == "attribution_model":
        from aftercast.briefs.models import AttributionModel

        return str(dict(AttributionModel.choices).get(value, value))
    return str(value)


def schedule_lines(posts: list, language: str | None = None) -> list[str]:
    """Planned posts of a version, one line each: "Jake Miller: Reel / short video, Jun 6…"."""
    from aftercast.campaigns.models import DeliverableFormat

    formats = dict(DeliverableFormat.choices)
    return [
        f"{name}: {formats.get(kind, kind)}, "
        f"{formatting.datetime(dt.datetime.fromisoformat(at), language)}"
        for name, kind, at in posts
    ]


def _schedule_words(posts: list, language: str | None) -> str:
    return "; ".join(schedule_lines(posts, language)) or "—"


def days_words(days: list[str], language: str | None = None) -> str:
    return ", ".join(formatting.date(dt.date.fromisoformat(day), language) for day in days) or "—"
