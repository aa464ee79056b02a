"""A published case study read by people without an account (the brand, a market team, the
creators): a signed, expiring, revocable link to a read-only page and its PDF."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from aftercast.core import links
from aftercast.core.links import LinkProblem, revoke, token_of
from aftercast.reports.models import CaseStudy, CaseStudyStatus, ShareLink

__all__ = ["LinkProblem", "revoke", "token_of"]  # the views' names for them

DEFAULT_DAYS, MAX_DAYS = 30, 365


def share_case_study(study: CaseStudy, *, days: int = DEFAULT_DAYS, user=None) -> ShareLink:
    """A read-only link to a published case study, valid for `days`."""
    if study.status != CaseStudyStatus.PUBLISHED:
        raise ValidationError(_("Publish the case study first: only a published one is shared."))
    return links.create_link(
        ShareLink, days=days, most=MAX_DAYS, user=user, workspace_id=study.workspace_id,
        case_study=study,
    )  # fmt: skip


def _unpublished(link: ShareLink) -> bool:
    """A study taken back to draft, or removed, closes its links."""
    study = link.case_study
    return study.deleted_at is not None or study.status != CaseStudyStatus.PUBLISHED


def open_shared(token: str) -> ShareLink:
    """The link a token stands for, counted as opened; LinkProblem says why not."""
    return links.open_link(
        ShareLink.objects.select_related("case_study__campaign"), token, _unpublished
    )


def live_links(study: CaseStudy) -> list[ShareLink]:
    return list(links.live(study.share_links.all()))
