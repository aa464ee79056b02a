"""A published case study read by people without an account (the brand, a market team, the
creators): a signed, expiring, revocable link to a read-only page and its PDF."""

import datetime as dt

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.reports.models import CaseStudy, CaseStudyStatus, ShareLink

LINK_SALT = "aftercast.reports.share"
DEFAULT_DAYS, MAX_DAYS = 30, 365


class ShareProblem(Exception):
    """Why a share link cannot be opened: "invalid", "expired" or "revoked"."""

    def __init__(self, code: str, link: ShareLink | None = None):
        super().__init__(code)
        self.code, self.link = code, link


def share_case_study(study: CaseStudy, *, days: int = DEFAULT_DAYS, user=None) -> ShareLink:
    """A read-only link to a published case study, valid for `days`."""
    if study.status != CaseStudyStatus.PUBLISHED:
        raise ValidationError(_("Publish the case study first: only a published one is shared."))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {"days": _("A link lasts between 1 and %(max)s days.") % {"max": MAX_DAYS}}
        )
    return ShareLink.objects.create(
        workspace_id=study.workspace_id, case_study=study,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )  # fmt: skip


def token_of(link: ShareLink) -> str:
    return signing.Signer(salt=LINK_SALT).sign_object({"s": link.pk}, compress=True)


def open_shared(token: str) -> ShareLink:
    """The link a token stands for, counted as opened; ShareProblem says why not. A study
    taken back to draft, or removed, closes its links."""
    try:
        payload = signing.Signer(salt=LINK_SALT).unsign_object(token)
        link = ShareLink.objects.select_related("case_study__campaign").get(
            pk=payload["s"], deleted_at__isnull=True
        )
    except (signing.BadSignature, ShareLink.DoesNotExist, KeyError, TypeError):
        raise ShareProblem("invalid") from None
    study = link.case_study
    if (
        link.revoked_at is not None
        or study.deleted_at is not None
        or study.status != CaseStudyStatus.PUBLISHED
    ):
        raise ShareProblem("revoked", link)
    if link.expires_at <= timezone.now():
        raise ShareProblem("expired", link)
    ShareLink.objects.filter(pk=link.pk).update(times_opened=F("times_opened") + 1)
    return link


def revoke(link: ShareLink) -> ShareLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
    return link


def live_links(study: CaseStudy) -> list[ShareLink]:
    return list(
        study.share_links.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now(), deleted_at__isnull=True
        )
    )
