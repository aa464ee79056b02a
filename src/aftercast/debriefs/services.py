"""A debrief's life: started from a finished campaign's numbers (judging.py: each market's KPIs;
analysis.py: what each tested variant changed; failures.py: the failure type suggested with
its evidence), recomputed after new data with what changed (changes.py), read through
summary.py (what the numbers say, in the reader's language), and what people add: the failure
type confirmed, answers, events, findings the numbers cannot show, action items."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Campaign, CampaignStatus
from aftercast.core import formatting
from aftercast.debriefs import analysis, changes, failures, judging, questions
from aftercast.debriefs.models import (
    ActionItem,
    Debrief,
    DebriefStatus,
    FailureType,
    Finding,
    TimelineEvent,
)


def finished(campaign: Campaign) -> bool:
    return campaign.status == CampaignStatus.FINISHED or campaign.ends_on < timezone.localdate()


@transaction.atomic
def start_debrief(campaign: Campaign) -> Debrief:
    """A draft debrief of a finished campaign, filled from its numbers: each market's KPIs
    judged, every tested variant compared and the failure type suggested, never typed in."""
    if campaign.deleted_at is not None or campaign.status == CampaignStatus.CANCELLED:
        raise ValidationError(_("A cancelled or removed campaign is not debriefed."))
    if not finished(campaign):
        raise ValidationError(
            _("The campaign runs until %(date)s: its debrief starts once it is over.")
            % {"date": formatting.date(campaign.ends_on)}
        )
    if Debrief.objects.filter(campaign=campaign).exists():
        raise ValidationError(_("This campaign already has a debrief."))
    debrief = Debrief.objects.create(
        workspace_id=campaign.workspace_id, campaign=campaign, status=DebriefStatus.DRAFT
    )
    _compute(debrief)
    debrief.failure_type = debrief.failure_suggested
    debrief.save(update_fields=["failure_type"])
    return debrief


def _compute(debrief: Debrief) -> None:
    judging.save_verdicts(debrief)
    analysis.save_findings(debrief)
    suggestion = failures.suggest(debrief)
    debrief.failure_suggested = suggestion.failure_type
    debrief.failure_evidence = suggestion.evidence
    debrief.save(update_fields=["failure_suggested", "failure_evidence", "updated_at"])
    # Rules citing these findings, or applied in this campaign's briefs, read them again.
    from aftercast.learnings.services import refresh_rules_of

    refresh_rules_of(debrief)


@transaction.atomic
def recompute_debrief(debrief: Debrief) -> list[dict]:
    """Read the numbers again (after a late import, a corrected file): verdicts and findings
    are updated in place, what people wrote stays, and the differences are kept to be shown.
    A failure type people confirmed stays theirs; the new suggestion is shown beside it."""
    before = changes.snapshot(debrief)
    _compute(debrief)
    if debrief.failure_confirmed_at is None:
        debrief.failure_type = debrief.failure_suggested
    debrief.changes = changes.between(before, changes.snapshot(debrief))
    debrief.recomputed_at = timezone.now()
    debrief.save(update_fields=["failure_type", "changes", "recomputed_at", "updated_at"])
    return debrief.changes


def confirm_failure(debrief: Debrief, failure_type: str, *, user=None) -> Debrief:
    """A person settles the failure type (the suggestion, or another)."""
    if failure_type not in FailureType.values:
        raise ValidationError({"failure_type": _("Choose a failure type from the list.")})
    debrief.failure_type = failure_type
    debrief.failure_confirmed_at = timezone.now()
    debrief.failure_confirmed_by = user if getattr(user, "is_authenticated", False) else None
    debrief.save(update_fields=["failure_type", "failure_confirmed_at", "failure_confirmed_by",
                                "updated_at"])  # fmt: skip
    return debrief


def answer_questions(debrief: Debrief, who: str, given: dict[str, str]) -> list[str]:
    """Add one participant's answers; return the workspace members their answers name (the
    page warns: a blameless answer speaks of roles)."""
    if not who.strip():
        raise ValidationError({"who": _("Say which role or team is answering.")})
    if not any(text.strip() for text in given.values()):
        raise ValidationError(_("Answer at least one question."))
    asked = [q.key for q in questions.question_set(debrief.workspace_id)]
    debrief.answers = questions.add_answers(debrief.answers, who, given, asked)
    debrief.save(update_fields=["answers", "updated_at"])
    return questions.people_named(debrief.workspace_id, [who, *given.values()])


def add_event(campaign: Campaign, *, happened_on, description: str, kind: str = "other"):
    """Something that happened and mattered (a revision, an absence, a missing pixel, a
    disagreement and how it was settled), logged while the campaign runs or in its debrief."""
    if not description.strip():
        raise ValidationError({"description": _("Say what happened.")})
    if happened_on > max(campaign.ends_on, timezone.localdate()):
        raise ValidationError({"happened_on": _("That day has not come yet.")})
    return TimelineEvent.objects.create(
        workspace_id=campaign.workspace_id, campaign=campaign, happened_on=happened_on,
        kind=kind, description=description.strip(),
    )  # fmt: skip


def add_qualitative_finding(debrief: Debrief, *, statement: str, market=None) -> Finding:
    """What the team saw that the numbers cannot show (or could not, with no data): kept as a
    finding without statistics, never recomputed away."""
    if not statement.strip():
        raise ValidationError({"statement": _("Say what was found.")})
    return Finding.objects.create(
        workspace_id=debrief.workspace_id, debrief=debrief, market=market,
        statement=statement.strip(),
    )  # fmt: skip


def add_action_item(debrief: Debrief, *, description: str, owner: str = "", due_on=None):
    """A concrete change for next time, with who does it and by when."""
    if not description.strip():
        raise ValidationError({"description": _("Say what is to be done.")})
    return ActionItem.objects.create(
        workspace_id=debrief.workspace_id, debrief=debrief, description=description.strip(),
        owner=owner.strip(), due_on=due_on,
    )  # fmt: skip


def set_action_done(item: ActionItem, done: bool) -> ActionItem:
    item.done = done
    item.save(update_fields=["done", "updated_at"])
    return item
