"""Writing a brief: its fields, KPIs and check-in dates.

A brief that has been sent for sign-off is frozen as a version (`versions`); changing it
afterwards makes the next version and the earlier sign-offs no longer hold (`signing`).
"""

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercast.briefs.models import Brief, BriefVersion, KpiTarget
from aftercast.briefs.sign_offs import refresh_status
from aftercast.briefs.versions import BRIEF_FIELDS, content_of, planned_checkins
from aftercast.briefs.wording import KPI_CHANGE
from aftercast.campaigns.models import CampaignMarket
from aftercast.campaigns.selectors import active_partnerships
from aftercast.checkins.models import CheckIn
from aftercast.core import formatting
from aftercast.core.history import update_tracked
from aftercast.core.models import EditRecord
from aftercast.metrics.registry import get_metric, missing_inputs

# Check-ins are proposed 30 % and 50 % into the run: late enough to have numbers, early enough
# to change course.
CHECKIN_POINTS = (0.3, 0.5)


def proposed_checkin_dates(piece: CampaignMarket) -> list[dt.date]:
    return proposed_days(piece.campaign.starts_on, piece.campaign.ends_on)


def proposed_days(starts_on: dt.date, ends_on: dt.date) -> list[dt.date]:
    span = (ends_on - starts_on).days
    days = sorted({round(span * point) for point in CHECKIN_POINTS})
    return [starts_on + dt.timedelta(days=day) for day in days]


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


def follow_new_dates(piece: CampaignMarket, starts_on: dt.date, ends_on: dt.date) -> None:
    """The campaign ran from `starts_on` to `ends_on` until now: check-ins still on the days
    proposed for those dates move to 30 % and 50 % of the new run; dates someone chose stay
    (those outside the new run are proposed anew)."""
    planned = list(planned_checkins(piece))
    proposed = proposed_checkin_dates(piece)
    was_proposed = [checkin.scheduled_on for checkin in planned] == proposed_days(
        starts_on, ends_on
    )
    if planned and was_proposed and len(planned) == len(proposed):
        # Moved, not replaced: links to a check-in and what was drafted in it stay.
        for checkin, day in zip(planned, proposed, strict=True):
            checkin.scheduled_on = day
            checkin.save(update_fields=["scheduled_on", "updated_at"])
    else:
        move_checkins_into_run(piece)


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


# --- a changed brief starts its next version ------------------------------------------------


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


def _in(kpi: dict | None, currency: str) -> dict | None:
    return None if kpi is None else {**kpi, "currency": currency}


def _record_kpis(brief: Brief, user, before: dict[str, dict]) -> None:
    """Keep KPI changes in the brief's history, as raw values rendered when shown."""
    after = _kpis_of(brief)
    currency = brief.campaign_market.currency
    changes = {
        # Each side with the currency it was set in: a market's currency may change later.
        f"{KPI_CHANGE}{metric}": [
            _in(before.get(metric), currency),
            _in(after.get(metric), currency),
        ]
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
