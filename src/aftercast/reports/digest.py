"""The weekly digest e-mail: what a member of a workspace should know this week — the rules
learned since the last one, the action items still open, the check-ins due — in their own
language. Nothing new, nothing sent."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aftercast.campaigns.models import CampaignStatus
from aftercast.checkins.models import CheckIn, CheckInStatus
from aftercast.core.models import Membership, Workspace
from aftercast.debriefs.models import ActionItem
from aftercast.learnings.models import Learning

WEEK = dt.timedelta(days=7)
MOST = 10  # of each kind in the e-mail; the rest are counted and a link leads to them


@dataclass
class Digest:
    workspace: Workspace
    since: dt.datetime
    learnings: list[Learning] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    more: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.learnings or self.actions or self.checkins)


def _first(found, key: str, more: dict[str, int]) -> list:
    items = list(found[: MOST + 1])
    if len(items) > MOST:
        more[key] = found.count() - MOST
    return items[:MOST]


def digest_for(workspace: Workspace, *, now: dt.datetime | None = None) -> Digest:
    now = now or timezone.now()
    today = timezone.localdate(now)
    digest = Digest(workspace, now - WEEK)
    live = {"workspace": workspace, "deleted_at__isnull": True}
    digest.learnings = _first(
        Learning.objects.filter(**live, created_at__gte=digest.since).order_by("-created_at"),
        "learnings", digest.more,
    )  # fmt: skip
    digest.actions = _first(
        ActionItem.objects.filter(**live, done=False, debrief__deleted_at__isnull=True)
        .select_related("debrief__campaign")
        .order_by("due_on", "pk"),
        "actions", digest.more,
    )  # fmt: skip
    digest.checkins = _first(
        CheckIn.objects.filter(
            **live, status=CheckInStatus.PLANNED, scheduled_on__lte=today + WEEK,
            campaign_market__deleted_at__isnull=True,
            # a finished or cancelled campaign's check-in left planned is no longer due
            campaign_market__campaign__status__in=(CampaignStatus.PLANNED, CampaignStatus.LIVE),
        )  # fmt: skip
        .select_related("campaign_market__campaign", "campaign_market__market")
        .order_by("scheduled_on"),
        "checkins", digest.more,
    )  # fmt: skip
    return digest


def render_digest(digest: Digest, language: str) -> tuple[str, str, str]:
    """(subject, text, HTML) in `language`."""
    with translation.override(language):
        pages = {"learnings": "learnings:list", "actions": "debriefs:actions",
                 "checkins": "checkins:list"}  # fmt: skip
        context = {
            "digest": digest, "today": timezone.localdate(), "url": settings.AFTERCAST_URL,
            "links": {key: reverse(name) for key, name in pages.items()},
        }  # fmt: skip
        subject = _("Aftercast, %(workspace)s: this week") % {"workspace": digest.workspace.name}
        text = render_to_string("reports/digest_email.txt", context)
        html = render_to_string("reports/digest_email.html", context)
    return subject, text, html


def recipients(workspace: Workspace) -> list[tuple[str, str]]:
    """(address, language) of each active member with an address."""
    found = []
    for membership in Membership.objects.filter(
        workspace=workspace, user__is_active=True
    ).select_related("user__profile"):
        user = membership.user
        if not user.email:
            continue
        profile = getattr(user, "profile", None)
        language = (profile.language if profile and profile.language else "") or (
            settings.LANGUAGE_CODE[:2])  # fmt: skip
        found.append((user.email, language))
    return found


def send_digests(workspaces=None, *, now: dt.datetime | None = None) -> int:
    """Send each workspace's digest to its members; the number of e-mails sent."""
    sent = 0
    for workspace in workspaces if workspaces is not None else Workspace.objects.all():
        digest = digest_for(workspace, now=now)
        if digest.empty:
            continue
        for address, language in recipients(workspace):
            subject, text, html = render_digest(digest, language)
            message = EmailMultiAlternatives(subject, text, to=[address])
            message.attach_alternative(html, "text/html")
            sent += message.send()
    return sent
