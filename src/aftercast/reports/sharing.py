"""A published case study, or a campaign's final results, read by people without an account
(the brand, a market team, the creators): a signed, expiring, revocable link to a read-only
page and its PDF."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from aftercast.core import links
from aftercast.core.links import LinkProblem, revoke, token_of
from aftercast.debriefs.models import Debrief, DebriefStatus
from aftercast.reports.document import Document
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


def share_final_results(debrief: Debrief, *, days: int = DEFAULT_DAYS, user=None) -> ShareLink:
    """A read-only link to a campaign's results: its debrief, once final."""
    if debrief.status != DebriefStatus.FINAL:
        raise ValidationError(_("Finish the debrief first: only final results are shared."))
    return links.create_link(
        ShareLink, days=days, most=MAX_DAYS, user=user, workspace_id=debrief.workspace_id,
        debrief=debrief,
    )  # fmt: skip


def _unpublished(link: ShareLink) -> bool:
    """A study taken back to draft, a debrief reopened, or either removed, closes its links."""
    if link.debrief is not None:
        debrief = link.debrief
        return (
            debrief.deleted_at is not None
            or debrief.status != DebriefStatus.FINAL
            or debrief.campaign.deleted_at is not None
        )
    study = link.case_study
    return (
        study is None or study.deleted_at is not None or study.status != CaseStudyStatus.PUBLISHED
    )


def open_shared(token: str) -> ShareLink:
    """The link a token stands for, counted as opened; LinkProblem says why not."""
    found = ShareLink.objects.select_related("case_study__campaign", "debrief__campaign")
    return links.open_link(found, token, _unpublished)


def shared_document(link: ShareLink, language: str) -> Document:
    """What the link shows, as a document in `language`."""
    if link.debrief is not None:
        from aftercast.reports.debrief_document import debrief_document

        return debrief_document(link.debrief, language)
    from aftercast.reports.case_study import case_study_document

    assert link.case_study is not None
    return case_study_document(link.case_study, language)


def live_links(shared: CaseStudy | Debrief) -> list[ShareLink]:
    return list(links.live(shared.share_links.all()))
