"""Adherence: the posts due went out on time (within the grace period) and met their spec."""

import datetime as dt
from typing import NamedTuple

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftercast.campaigns.models import Deliverable
from aftercast.checkins.flags import ADHERENCE, MISSING, OK, Flag, Thresholds, severity_of_share
from aftercast.core import formatting


class Due(NamedTuple):
    """What adherence reads of a post (plain rows: a market may have thousands)."""

    partnership_id: int
    planned_at: dt.datetime
    published_at: dt.datetime | None
    spec_checklist: list | None


def any_planned(links) -> set[int]:
    """The creators (of `links`) with at least one post planned."""
    return set(
        Deliverable.objects.filter(partnership__in=links, deleted_at__isnull=True)
        .values_list("partnership_id", flat=True)
        .distinct()
    )


def due_posts(links, today: dt.date, thresholds: Thresholds) -> list[Due]:
    """The posts whose grace period has passed by the end of `today`, in one query; on the
    current day, by now: a grace that runs out this evening has not run out yet."""
    grace = dt.timedelta(hours=thresholds.late_hours)
    cutoff = min(timezone.make_aware(dt.datetime.combine(today, dt.time.max)), timezone.now())
    rows = (
        Deliverable.objects.filter(
            partnership__in=links, deleted_at__isnull=True, planned_at__lte=cutoff - grace
        )
        .annotate(first_seen=Min("observations__observed_on"))
        .values_list("partnership_id", "planned_at", "published_at", "spec_checklist", "first_seen")
    )
    return [Due(link, planned, out or _from_numbers(seen), spec)
            for link, planned, out, spec, seen in rows]  # fmt: skip


def _from_numbers(first_seen: dt.date | None) -> dt.datetime | None:
    """A post whose publish time nobody typed is out from the first day numbers came in for
    it: platform exports rarely carry the time, and its numbers prove it went out."""
    if first_seen is None:
        return None
    return timezone.make_aware(dt.datetime.combine(first_seen, dt.time.min))


def adherence_flags(due: list[Due], thresholds: Thresholds, planned: bool = True) -> list[Flag]:
    """`planned`: whether any post is planned at all (due or not)."""
    if not planned:
        return [Flag(ADHERENCE, MISSING, _("No post is planned: plan the posts to follow them."))]
    if not due:
        return [Flag(ADHERENCE, MISSING, _("No post was due yet."))]
    grace = dt.timedelta(hours=thresholds.late_hours)
    late = [p for p in due if p.published_at is None or p.published_at > p.planned_at + grace]
    severity = severity_of_share(
        len(late) / len(due), thresholds.late_share_watch, thresholds.late_share_act
    )
    flags = [
        Flag(
            ADHERENCE,
            severity,
            ngettext(
                "Late or not out yet: %(late)s of %(due)s post due.",
                "Late or not out yet: %(late)s of %(due)s posts due.",
                len(due),
            )
            % {"late": len(late), "due": len(due)},
            "late_posts" if severity != OK else "",
        )
    ]
    items = [
        item
        for post in due
        if post.published_at
        for item in post.spec_checklist or []
        if isinstance(item, dict)  # an untyped JSON field: skip what is not an item
    ]
    if items:
        met = sum(bool(item.get("met")) for item in items) / len(items)
        severity = severity_of_share(
            1 - met, 1 - thresholds.spec_met_watch, 1 - thresholds.spec_met_act
        )
        flags.append(
            Flag(
                ADHERENCE,
                severity,
                _("%(share)s of the content spec items were met.")
                % {"share": formatting.percent(met, digits=0)},
                "missing_specs" if severity != OK else "",
            )
        )
    return flags
