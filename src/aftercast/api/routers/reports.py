"""Case studies: written from a campaign's data, exported as PDF, DOCX, HTML or Markdown."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.schemas import REFUSED, ErrorOut
from aftercast.campaigns.models import Partnership
from aftercast.campaigns.selectors import campaign_by_slug
from aftercast.core import links
from aftercast.reports import collaboration
from aftercast.reports.case_study import case_study_document
from aftercast.reports.models import CaseStudy, CreatorStory
from aftercast.reports.render import EXPORTS, attachment
from aftercast.reports.services import generate_case_study

router = Router(tags=["case studies"])


class CaseStudyIn(Schema):
    audience: str = "both"


class ExportQuery(Schema):
    format: str = "pdf"
    lang: str = "en"


def study_out(study: CaseStudy) -> dict:
    return {
        "id": study.pk,
        "campaign": study.campaign.slug,
        "audience": study.audience,
        "status": study.status,
        "title_en": study.title_en,
        "title_ru": study.title_ru,
        "sections_en": study.sections_en,
        "sections_ru": study.sections_ru,
    }


@router.post("/campaigns/{slug}/case-studies", response={201: dict, **REFUSED})
def create(request: HttpRequest, slug: str, body: CaseStudyIn):
    """Write a case study from the campaign's data, in Russian and English (audience: ru, us,
    or both for a bridge document)."""
    campaign = campaign_by_slug(writer_workspace(request), slug)
    study = generate_case_study(campaign, audience=body.audience, user=request.user)
    return Status(201, study_out(study))


@router.get("/case-studies/{pk}/export", response={200: None, 404: ErrorOut, 422: dict})
def export(request: HttpRequest, pk: int, query: Query[ExportQuery]):
    """The case study as a file: format pdf, docx, html or md; lang en or ru."""
    study = get_object_or_404(CaseStudy, pk=pk, workspace=workspace_of(request),
                              deleted_at__isnull=True)  # fmt: skip
    if query.format not in EXPORTS or query.lang not in ("en", "ru"):
        return Status(422, {"detail": "format: pdf, docx, html or md; lang: en or ru",
                            "code": "invalid"})  # fmt: skip
    return attachment(case_study_document(study, query.lang), query.format)


class StoryLinkIn(Schema):
    days: int = 30


class ReviewLinkIn(Schema):
    reviewer: str
    days: int = 14


def _study(request: HttpRequest, pk: int, *, write: bool = False) -> CaseStudy:
    workspace = writer_workspace(request) if write else workspace_of(request)
    return get_object_or_404(CaseStudy, pk=pk, workspace=workspace, deleted_at__isnull=True)


def _public_link(request: HttpRequest, view: str, link) -> dict:
    return {
        "id": link.pk,
        "url": request.build_absolute_uri(reverse(view, args=[links.token_of(link)])),
        "expires_at": link.expires_at,
        "revoked_at": link.revoked_at,
    }


@router.post("/partnerships/{pk}/story-link", response={201: dict, **REFUSED})
def ask_creator(request: HttpRequest, pk: int, body: StoryLinkIn):
    """A link asking the creator the four questions of the case study, in their language;
    asking again extends the open one."""
    link = get_object_or_404(Partnership, pk=pk, workspace=writer_workspace(request),
                             deleted_at__isnull=True)  # fmt: skip
    story = collaboration.ask_creator(link, days=body.days, user=request.user)
    return Status(201, _public_link(request, "creator_story", story))


@router.get("/campaigns/{slug}/creator-stories", response={200: list[dict], **REFUSED})
def creator_stories(request: HttpRequest, slug: str):
    """The creators' answered stories, each in the language it was written in."""
    campaign = campaign_by_slug(workspace_of(request), slug)
    return [
        {"partnership": story.partnership_id, "creator": story.partnership.account.creator.name,
         "market": story.partnership.campaign_market.market.code, "language": story.language,
         "answered_at": story.answered_at,
         **{key: getattr(story, key) for key in CreatorStory.QUESTIONS}}
        for story in collaboration.stories_of(campaign)
    ]  # fmt: skip


@router.post("/case-studies/{pk}/review-links", response={201: dict, **REFUSED})
def invite_reviewer(request: HttpRequest, pk: int, body: ReviewLinkIn):
    """A link through which a partner reads the draft and comments section by section."""
    study = _study(request, pk, write=True)
    link = collaboration.invite_reviewer(study, body.reviewer, days=body.days, user=request.user)
    return Status(201, {**_public_link(request, "review_draft", link), "reviewer": link.reviewer})


@router.get("/case-studies/{pk}/comments", response={200: list[dict], **REFUSED})
def review_comments(request: HttpRequest, pk: int):
    """The partners' comments on the draft, section by section."""
    study = _study(request, pk)
    return [
        {"id": c.pk, "section": c.section, "author": c.author, "body": c.body,
         "created_at": c.created_at, "resolved_at": c.resolved_at}
        for items in collaboration.comments_by_section(study).values() for c in items
    ]  # fmt: skip
