"""Case studies: written from a campaign's data, exported as PDF, DOCX, HTML or Markdown."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.schemas import REFUSED, ErrorOut
from aftercast.campaigns.selectors import campaign_by_slug
from aftercast.reports.case_study import case_study_document
from aftercast.reports.models import CaseStudy
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
