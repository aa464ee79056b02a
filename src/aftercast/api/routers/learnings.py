"""Learnings: search them, write and edit them with their evidence, and move them between
workspaces in the exchange format."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Body, Query, Router, Schema, Status

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.routers.trash import remove_from
from aftercast.api.schemas import REFUSED, ErrorOut
from aftercast.catalog.models import Market, Platform
from aftercast.debriefs.models import Finding
from aftercast.learnings import evidence, exchange, selectors, services
from aftercast.learnings.explain import payload
from aftercast.learnings.models import GlossaryTerm, Learning

router = Router(tags=["learnings"])


class LearningIn(Schema):
    statement_en: str | None = None
    statement_ru: str | None = None
    kind: str | None = None
    status: str | None = None
    metric: str | None = None
    dimension: str | None = None
    direction: int | None = None
    markets: list[str] | None = None
    platforms: list[str] | None = None
    tiers: list[str] | None = None
    campaign_types: list[str] | None = None
    product_categories: list[str] | None = None
    tags: list[str] | None = None


class EvidenceIn(Schema):
    finding: int


class SearchQuery(Schema):
    q: str = ""
    limit: int = 20


def _data(payload_: LearningIn) -> dict:
    """The fields given (an absent one is left as it is), markets and platforms looked up."""
    data = payload_.dict(exclude_unset=True)
    for name in ("kind", "status"):  # null: as it was (or the default)
        if data.get(name, "") is None:
            del data[name]
    if "markets" in data:
        codes = [code.upper() for code in data["markets"] or []]
        data["markets"] = [get_object_or_404(Market, code=code) for code in codes]
    if "platforms" in data:
        slugs = [slug.lower() for slug in data["platforms"] or []]
        data["platforms"] = [get_object_or_404(Platform, slug=slug) for slug in slugs]
    return data


def learning_out(learning: Learning) -> dict:
    links, elsewhere = selectors.evidence_of(learning)
    found = [link.finding for link in links] + elsewhere
    pooled = {name: getattr(learning, name) for name in evidence.NO_POOL}
    return {
        **exchange.learning_item(learning),
        "id": learning.pk,
        "confidence": learning.confidence,
        "confidence_reasons": evidence.grade(found, pooled).reasons,
        "scope_verdict": learning.scope_verdict or None,
        "scope": evidence.scope_words(learning.scope_verdict, found),
        "needs_review": learning.needs_review,
        **pooled,
        "applied_in": [
            {
                "brief": a.brief.pk,
                "campaign": a.brief.campaign_market.campaign.slug,
                "market": a.brief.campaign_market.market.code,
                "outcome": a.outcome,
            }
            for a in selectors.applications(learning)
        ],  # fmt: skip
    }


def _rule(workspace, pk: int) -> Learning:
    return get_object_or_404(Learning, pk=pk, workspace=workspace, deleted_at__isnull=True)


@router.get("/learnings", response={200: dict})
def search(request: HttpRequest, filters: Query[SearchQuery]):
    """Search in Russian or English: `q` as people say it ("mid-tier creators in the US
    market", "промокод прошлой весной"); scope words become filters."""
    found = selectors.find_learnings(workspace_of(request), query=filters.q)
    return payload(found, max(1, min(filters.limit, 200)))


@router.post("/learnings", response={201: dict, **REFUSED})
def create(request: HttpRequest, body: LearningIn):
    learning = services.create_learning(
        workspace=writer_workspace(request), user=request.user, **_data(body)
    )
    return Status(201, learning_out(learning))


@router.get("/learnings/export", response={200: dict})
def export(request: HttpRequest):
    """The workspace's learnings in the exchange format (docs/learnings-exchange.md)."""
    return exchange.export_learnings(workspace_of(request))


@router.post("/learnings/import", response={200: dict, 400: dict, **REFUSED})
def import_file(request: HttpRequest, body: Body[dict]):
    """Merge a learnings file (the exchange format): all or nothing, idempotent by key."""
    workspace = writer_workspace(request)
    try:
        report = exchange.import_learnings(workspace, exchange.read(request.body))
    except exchange.ExchangeError as error:
        problems = [{"where": where, "message": message} for where, message in error.problems]
        return Status(400, {"error": {"code": "refused", "problems": problems}})
    return {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}


class GlossaryTermIn(Schema):
    concept: str
    phrase: str


def glossary_out(workspace) -> list[dict]:
    return [
        {"concept": row.concept, "built_in": list(row.built_in),
         "added": [{"id": term.pk, "phrase": term.phrase} for term in row.added]}
        for row in selectors.glossary_rows(workspace)
    ]  # fmt: skip


@router.get("/learnings/glossary", response={200: list[dict]})
def glossary(request: HttpRequest):
    """The search glossary: each concept's built-in words and the workspace's own."""
    return glossary_out(workspace_of(request))


@router.post("/learnings/glossary", response={201: list[dict], **REFUSED})
def add_term(request: HttpRequest, body: GlossaryTermIn):
    workspace = writer_workspace(request)
    services.add_glossary_term(workspace, concept=body.concept, phrase=body.phrase)
    return Status(201, glossary_out(workspace))


@router.delete("/learnings/glossary/{term}", response={200: list[dict], **REFUSED})
def remove_term(request: HttpRequest, term: int):
    workspace = writer_workspace(request)
    services.remove_glossary_term(get_object_or_404(GlossaryTerm, pk=term, workspace=workspace))
    return glossary_out(workspace)


@router.get("/learnings/{pk}", response={200: dict, 404: ErrorOut})
def detail(request: HttpRequest, pk: int):
    return learning_out(_rule(workspace_of(request), pk))


@router.patch("/learnings/{pk}", response={200: dict, **REFUSED})
def update(request: HttpRequest, pk: int, body: LearningIn):
    learning = _rule(writer_workspace(request), pk)
    return learning_out(services.update_learning(learning, _data(body), user=request.user))


@router.post("/learnings/{pk}/evidence", response={201: dict, **REFUSED})
def link(request: HttpRequest, pk: int, body: EvidenceIn):
    workspace = writer_workspace(request)
    learning = _rule(workspace, pk)
    finding = get_object_or_404(Finding, pk=body.finding, workspace=workspace)
    services.add_evidence(learning, finding, user=request.user)
    learning.refresh_from_db()
    return Status(201, learning_out(learning))


@router.delete("/learnings/{pk}/evidence/{finding}", response={200: dict, **REFUSED})
def unlink(request: HttpRequest, pk: int, finding: int):
    workspace = writer_workspace(request)
    learning = _rule(workspace, pk)
    found = get_object_or_404(Finding, pk=finding, workspace=workspace)
    return learning_out(services.remove_evidence(learning, found, user=request.user))


@router.delete("/learnings/{pk}", response={204: None, **REFUSED})
def remove_learning(request: HttpRequest, pk: int):
    return remove_from(request, "learning", pk=pk)
