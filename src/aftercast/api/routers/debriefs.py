"""After the campaign: debriefs started from the numbers."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.schemas import (
    REFUSED,
    ActionItemIn,
    ActionItemOut,
    AnswersIn,
    AnswersOut,
    DebriefOut,
    DoneIn,
    ErrorOut,
    EventIn,
    EventOut,
    FailureIn,
    QualitativeFindingIn,
    QuestionOut,
)
from aftercast.campaigns.selectors import campaign_by_slug, campaign_market
from aftercast.debriefs import changes, failures, questions, services, wording
from aftercast.debriefs.models import ActionItem, Debrief, EventKind
from aftercast.debriefs.summary import numbers_say
from aftercast.learnings.proposals import propose_learnings
from aftercast.reports.debrief_document import debrief_document
from aftercast.reports.render import EXPORTS, attachment

router = Router(tags=["debriefs"])


def debrief_out(debrief: Debrief) -> dict:
    return {
        "id": debrief.pk,
        "campaign": debrief.campaign.slug,
        "status": debrief.status,
        "failure_type": debrief.failure_type,
        "failure_suggested": debrief.failure_suggested,
        "failure_evidence": [failures.evidence_words(i) for i in debrief.failure_evidence or []],
        "failure_confirmed": debrief.failure_confirmed_at is not None,
        "verdicts": [
            {
                "market": v.campaign_market.market.code,
                "metric": v.metric,
                "target": float(v.target),
                "actual": float(v.actual) if v.actual is not None else None,
                "verdict": v.verdict,
                "currency": v.campaign_market.currency,
                "secondary": [
                    {**kpi, "target": float(kpi["target"]), "minimum": float(kpi["minimum"])}
                    for kpi in v.secondary or []
                ],
                "converted": v.converted or {},
            }
            for v in debrief.verdicts.select_related("campaign_market__market")
        ],
        "findings": [
            {
                "market": f.market.code if f.market else None,
                "metric": f.metric,
                "lift": f.effect_rel,
                "ci_low": f.ci_low,
                "ci_high": f.ci_high,
                "p_value": f.p_value,
                "p_value_adjusted": f.p_value_adjusted,
                "prob_b_better": f.prob_b_better,
                "guards": list(f.guards or []),
                "headline": wording.headline(f),
                "heterogeneity_i2": f.heterogeneity_i2,
                "interaction_p": f.interaction_p,
            }
            for f in debrief.findings.select_related("market", "arm_a", "arm_b")
        ],
        "recomputed_at": debrief.recomputed_at,
        "changes": [changes.change_words(item) for item in debrief.changes or []],
        "summary": debrief.summary,
        "numbers_say": numbers_say(debrief),
        "answers": [
            {"key": question.key, "question": str(question.text), "answers": given}
            for question, given in questions.answered(
                debrief.answers, questions.question_set(debrief.workspace_id)
            )
        ],
        "timeline": list(debrief.timeline.values("happened_on", "kind", "description")),
        "action_items": list(
            debrief.action_items.order_by("pk").values(
                "id", "description", "owner", "due_on", "done"
            )
        ),
    }


def _writable(request: HttpRequest, pk: int) -> Debrief:
    found = Debrief.objects.filter(workspace=writer_workspace(request), deleted_at__isnull=True)
    return get_object_or_404(found.select_related("campaign"), pk=pk)


@router.get("/debriefs/{pk}", response={200: DebriefOut, 404: ErrorOut})
def get_debrief(request: HttpRequest, pk: int):
    """A debrief with its verdicts and findings; headlines in the request's language."""
    found = Debrief.objects.filter(workspace=workspace_of(request), deleted_at__isnull=True)
    return debrief_out(get_object_or_404(found.select_related("campaign"), pk=pk))


@router.post("/campaigns/{slug}/debrief", response={201: DebriefOut, **REFUSED})
def start_debrief(request: HttpRequest, slug: str):
    """Start the debrief of a finished campaign, filled from its numbers."""
    campaign = campaign_by_slug(writer_workspace(request), slug)
    return Status(201, debrief_out(services.start_debrief(campaign)))


@router.post("/debriefs/{pk}/failure", response={200: DebriefOut, **REFUSED})
def confirm_failure(request: HttpRequest, pk: int, payload: FailureIn):
    """Confirm or correct the failure type the rules suggested."""
    debrief = _writable(request, pk)
    services.confirm_failure(debrief, payload.failure_type, user=request.user)
    return debrief_out(debrief)


@router.post("/debriefs/{pk}/recompute", response={200: DebriefOut, **REFUSED})
def recompute_debrief(request: HttpRequest, pk: int):
    """Read the campaign's numbers again (after a late import): verdicts and findings are
    updated, `changes` says what moved; what people wrote stays."""
    debrief = _writable(request, pk)
    services.recompute_debrief(debrief)
    return debrief_out(debrief)


@router.get("/debriefs/{pk}/export", response={200: None, 400: ErrorOut, 404: ErrorOut})
def export_debrief(request: HttpRequest, pk: int, format: str = "md", lang: str = "en"):
    """The debrief as a file: `format` md (Markdown) or pdf, `lang` ru or en."""
    found = Debrief.objects.filter(workspace=workspace_of(request), deleted_at__isnull=True)
    debrief = get_object_or_404(found.select_related("campaign"), pk=pk)
    if format not in EXPORTS or lang not in ("ru", "en"):
        raise HttpError(400, _("Choose Markdown or PDF, in Russian or English."))
    return attachment(debrief_document(debrief, lang), format)


@router.get("/debrief-questions", response=list[QuestionOut])
def list_questions(request: HttpRequest):
    """The blameless questions the workspace asks, in the request's language."""
    asked = questions.question_set(workspace_of(request).pk)
    return [{"key": q.key, "group": q.group, "text": str(q.text)} for q in asked]


@router.post("/debriefs/{pk}/answers", response={200: AnswersOut, **REFUSED})
def answer(request: HttpRequest, pk: int, payload: AnswersIn):
    """One role's or team's answers to the blameless questions, by question key."""
    named = services.answer_questions(_writable(request, pk), payload.who, payload.answers)
    return {"named": named}


@router.post("/campaigns/{slug}/events", response={201: EventOut, **REFUSED})
def add_event(request: HttpRequest, slug: str, payload: EventIn):
    """Log an event on a campaign, while it runs or in its debrief."""
    if payload.kind not in EventKind.values:
        raise ValidationError({"kind": _("Choose a kind from the list.")})
    campaign = campaign_by_slug(writer_workspace(request), slug)
    event = services.add_event(campaign, **payload.dict())
    return Status(201, {"happened_on": event.happened_on, "kind": event.kind,
                        "description": event.description})  # fmt: skip


@router.post("/debriefs/{pk}/actions", response={201: ActionItemOut, **REFUSED})
def add_action(request: HttpRequest, pk: int, payload: ActionItemIn):
    """An action item for next time, with who does it and by when."""
    item = services.add_action_item(_writable(request, pk), **payload.dict())
    return Status(201, item)


@router.post("/actions/{pk}/done", response={200: ActionItemOut, **REFUSED})
def action_done(request: HttpRequest, pk: int, payload: DoneIn):
    """Mark an action item done, or open it again."""
    found = ActionItem.objects.filter(workspace=writer_workspace(request))
    return services.set_action_done(get_object_or_404(found, pk=pk), payload.done)


@router.post("/debriefs/{pk}/findings", response={201: DebriefOut, **REFUSED})
def add_finding(request: HttpRequest, pk: int, payload: QualitativeFindingIn):
    """A qualitative finding: what the team saw that the numbers do not show."""
    debrief = _writable(request, pk)
    market = None
    if payload.market:
        market = campaign_market(debrief.campaign, payload.market).market
    services.add_qualitative_finding(debrief, statement=payload.statement, market=market)
    return Status(201, debrief_out(debrief))


@router.post("/debriefs/{pk}/propose", response={200: list[int], **REFUSED})
def propose(request: HttpRequest, pk: int):
    """Draft rules from the debrief's clear findings; returns the new rules' ids."""
    return [rule.pk for rule in propose_learnings(_writable(request, pk))]
