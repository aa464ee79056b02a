"""Rules: written by people or drafted from a debrief's clear findings, edited with their
history kept, and their evidence linked; what the evidence says is computed again whenever it
changes (learnings/evidence.py)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aftercast.campaigns.models import CampaignType
from aftercast.catalog.tiers import Tier
from aftercast.core.history import record_edit, snapshot
from aftercast.debriefs.models import Finding
from aftercast.learnings import evidence
from aftercast.learnings.glossary import concepts_of, for_workspace
from aftercast.learnings.models import (
    GlossaryTerm,
    Learning,
    LearningEvidence,
    LearningStatus,
    new_key,
)
from aftercast.learnings.text import folded, index_terms, words

SCALARS = (
    "statement_en", "statement_ru", "kind", "status", "metric", "dimension", "tiers",
    "campaign_types", "product_categories", "tags", "direction",
)  # fmt: skip
RELATIONS = ("markets", "platforms")
MAX_TAGS, MAX_TAG = 20, 60


def _words_list(value) -> list[str]:
    """Free words (tags, product categories) as a clean list: trimmed, each once, in order."""
    if isinstance(value, str):
        value = value.split(",")
    seen: dict[str, None] = {}
    for item in value or []:
        text = " ".join(str(item).split())[:MAX_TAG]
        if text and text.casefold() not in {s.casefold() for s in seen}:
            seen[text] = None
    return list(seen)[:MAX_TAGS]


def _check(learning: Learning) -> None:
    errors: dict[str, str] = {}
    if not (learning.statement_en.strip() or learning.statement_ru.strip()):
        errors["statement_en"] = _("Write the rule in at least one language.")
    if learning.status == LearningStatus.SUPPORTED and not has_support(learning):
        errors["status"] = _(
            "A rule is “supported” only when its evidence establishes it (the pooled interval on "
            "the rule's side of zero): link the findings first, or keep it a hypothesis."
        )
    if any(tier not in Tier.values for tier in learning.tiers):
        errors["tiers"] = _("Choose creator tiers from the list.")
    if any(kind not in CampaignType.values for kind in learning.campaign_types):
        errors["campaign_types"] = _("Choose campaign types from the list.")
    if errors:
        raise ValidationError(errors)
    learning.full_clean(exclude=["key", "search_terms"], validate_unique=False)


def _apply(learning: Learning, data: dict) -> None:
    for name in SCALARS:
        if name in data:
            value = data[name]
            if name in ("tags", "product_categories"):
                value = _words_list(value)
            elif name in ("tiers", "campaign_types"):
                value = list(dict.fromkeys(value or []))
            elif name == "direction":
                value = _direction(value)
            elif value is None:
                value = ""
            setattr(learning, name, value)


def _direction(value) -> int | None:
    """+1, -1 or none: anything else is refused before it is stored (PostgreSQL would refuse
    a number past its small integer with a server error; SQLite would keep it)."""
    if value in (None, ""):
        return None
    if value not in (1, -1) or isinstance(value, bool):
        raise ValidationError({"direction": _("Choose whether the metric rises or falls.")})
    return int(value)


def _set_relations(learning: Learning, data: dict) -> None:
    for name in RELATIONS:
        if name in data:
            getattr(learning, name).set(data[name] or [])


@transaction.atomic
def create_learning(*, workspace, user=None, findings=(), **data) -> Learning:
    """A rule as a person (or a debrief's proposal) states it, with its scope tags; `findings`
    become its evidence. Statuses are checked: never "supported" without evidence."""
    wanted = data.get("status", LearningStatus.HYPOTHESIS)
    learning = Learning(workspace=workspace, key=data.pop("key", None) or new_key())
    learning.external_evidence = data.pop("external_evidence", None) or []
    _apply(learning, {**data, "status": LearningStatus.HYPOTHESIS})
    _check(learning)
    learning.save()
    _set_relations(learning, data)
    if findings:
        LearningEvidence.objects.bulk_create(
            [LearningEvidence(workspace=workspace, learning=learning, finding=f) for f in findings]
        )
    if findings or learning.external_evidence:
        refresh_evidence(learning)
    if wanted != LearningStatus.HYPOTHESIS:
        learning.status = wanted
        _check(learning)
        learning.save(update_fields=["status", "updated_at"])
    record_edit(obj=learning, user=user, before=None)
    return learning


@transaction.atomic
def update_learning(
    learning: Learning, data: dict, *, user=None, findings=(), external_evidence=()
) -> Learning:
    """Change a rule's words, kind, status or scope, and add evidence (`findings` of this
    workspace, `external_evidence` from elsewhere); the change is kept in its history. A
    person setting a status has reviewed it."""
    before = snapshot(learning)
    _apply(learning, data)
    if "status" in data:
        learning.needs_review = False
    _set_relations(learning, data)
    if findings or external_evidence or "direction" in data:
        flagged = learning.needs_review
        learning.external_evidence = [*learning.external_evidence, *external_evidence]
        LearningEvidence.objects.bulk_create(
            [
                LearningEvidence(workspace_id=learning.workspace_id, learning=learning, finding=f)
                for f in findings
            ]  # fmt: skip
        )
        refresh_evidence(learning)
        if not (findings or external_evidence):  # the person's own change of direction
            learning.needs_review = flagged
        if "status" in data:  # asked for with the evidence that allows it
            learning.status = data["status"]
    _check(learning)
    learning.save()
    record_edit(obj=learning, user=user, before=before)
    return learning


@transaction.atomic
def add_evidence(learning: Learning, finding: Finding, *, user=None) -> LearningEvidence:
    """Link a finding of the same workspace; the rule's pooled effect, scope and confidence
    are computed again, and a clear finding pointing the other way flags it for review."""
    if finding.workspace_id != learning.workspace_id:
        raise ValidationError({"finding": _("That finding is not in this workspace.")})
    if not finding.metric:
        refusal = _("A finding without a measured metric cannot be evidence; quote it in the "
                    "rule instead.")  # fmt: skip
        raise ValidationError({"finding": refusal})
    before = snapshot(learning)
    link, _created = LearningEvidence.objects.get_or_create(
        workspace_id=learning.workspace_id, learning=learning, finding=finding
    )
    refresh_evidence(learning)
    record_edit(obj=learning, user=user, before=before)
    link.refresh_from_db()
    return link


@transaction.atomic
def remove_evidence(learning: Learning, finding: Finding, *, user=None) -> Learning:
    before = snapshot(learning)
    learning.evidence.filter(finding=finding).delete()
    refresh_evidence(learning)
    record_edit(obj=learning, user=user, before=before)
    return learning


def refresh_evidence(learning: Learning) -> Learning:
    """Compute what the evidence says again (after it was linked, unlinked or its debrief
    recomputed): pooled lift and heterogeneity, which findings support the rule, its scope
    verdict and confidence. A rule left without supporting evidence is a hypothesis again.
    Evidence from elsewhere (the exchange format) counts like a linked finding."""
    from aftercast.learnings.exchange import external_findings

    links = list(learning.evidence.select_related("finding__market", "finding__debrief"))
    elsewhere = external_findings(learning)
    found = [link.finding for link in links] + elsewhere
    pooled = evidence.pooled_lift(found)
    if learning.direction is None:
        learning.direction = evidence.sign(pooled["pooled_effect"]) or None
    for link in links:
        now = evidence.supports(link.finding, learning.direction)
        if link.supports and not now and evidence.contradicts(link.finding, learning.direction):
            learning.needs_review = True
        if link.supports != now:
            link.supports = now
            link.save(update_fields=["supports", "updated_at"])
    for item, finding in zip(learning.external_evidence, elsewhere, strict=True):
        now = evidence.supports(finding, learning.direction)
        if (
            item.get("supports", True)
            and not now
            and evidence.contradicts(finding, learning.direction)
        ):
            learning.needs_review = True
        item["supports"] = now
    for name, value in pooled.items():
        setattr(learning, name, value)
    learning.confidence = evidence.grade(found, pooled).confidence
    codes = set(learning.markets.values_list("code", flat=True))
    learning.scope_verdict = evidence.scope_verdict(found, pooled["heterogeneity_p"], codes)
    if learning.status == LearningStatus.SUPPORTED and not has_support(learning):
        learning.status = LearningStatus.HYPOTHESIS
        learning.needs_review = True
    learning.save()
    return learning


def has_support(learning: Learning) -> bool:
    """Whether the evidence, linked and from elsewhere, establishes the rule: its pooled 95 %
    interval lies on the rule's side of zero."""
    return evidence.establishes(learning.pooled_ci_low, learning.pooled_ci_high, learning.direction)


def refresh_rules_of(debrief) -> None:
    """After a debrief's findings were computed again: the rules citing them, and the rules
    its campaign's briefs applied (their findings on the same test link back as evidence)."""
    link_applied(debrief)
    for learning in Learning.objects.filter(evidence__finding__debrief=debrief).distinct():
        refresh_evidence(learning)


def link_applied(debrief) -> list[Learning]:
    """A rule a brief applied is tested again by its campaign's debrief: the debrief's measured
    findings in that brief's market on the rule's metric and tested dimension become evidence
    (whether they support it or not), so the rule shows whether it held where it was applied."""
    touched = []
    rules = (
        Learning.objects.filter(
            applied_in__campaign_market__campaign=debrief.campaign_id, deleted_at__isnull=True
        )
        .exclude(dimension="")
        .distinct()
    )
    for learning in rules:
        markets = learning.applied_in.filter(campaign_market__campaign=debrief.campaign_id).values(
            "campaign_market__market"
        )
        tested = debrief.findings.filter(
            market__in=markets, variant__dimension=learning.dimension, value_a__isnull=False
        )
        if learning.metric:
            tested = tested.filter(metric=learning.metric)
        new = [f for f in tested.exclude(evidence__learning=learning)]
        if new:
            LearningEvidence.objects.bulk_create(
                [
                    LearningEvidence(
                        workspace_id=learning.workspace_id, learning=learning, finding=f
                    )
                    for f in new
                ]  # fmt: skip
            )
            refresh_evidence(learning)
            touched.append(learning)
    return touched


def mark_reviewed(learning: Learning, *, user=None) -> Learning:
    """A person looked at the contradicting evidence and kept the rule as it is."""
    before = snapshot(learning)
    learning.needs_review = False
    learning.save(update_fields=["needs_review", "updated_at"])
    record_edit(obj=learning, user=user, before=before)
    return learning


def apply_learning(learning: Learning, brief, *, applied: bool) -> bool:
    """Record (or take back) that a brief follows this rule, so its debrief can say whether
    the rule held."""
    if applied:
        learning.applied_in.add(brief)
    else:
        learning.applied_in.remove(brief)
    return applied


CONCEPT = re.compile(r"^[^\W_]{2,40}$")


@transaction.atomic
def add_glossary_term(workspace, *, concept: str, phrase: str) -> GlossaryTerm:
    """Teach the workspace's search that a word or two-word phrase (in either language) means a
    concept: a built-in one ("creator") or the workspace's own ("ugc"). Its rules are indexed
    again, so the word finds them at once."""
    concept = folded(concept).strip()
    said = words(phrase)
    errors = {}
    if not CONCEPT.match(concept):
        errors["concept"] = _("Name the concept with one word of letters or digits, e.g. ugc.")
    if not 1 <= len(said) <= 2:
        errors["phrase"] = _("Give one word or a phrase of two words.")
    elif concept in concepts_of(" ".join(said), for_workspace(workspace.pk)):
        errors["phrase"] = _("“%(phrase)s” already means “%(concept)s”.") % {
            "phrase": " ".join(said), "concept": concept}  # fmt: skip
    elif GlossaryTerm.objects.filter(workspace=workspace, phrase=" ".join(said)).exists():
        errors["phrase"] = _("“%(phrase)s” is already in the glossary.") % {
            "phrase": " ".join(said)}  # fmt: skip
    if errors:
        raise ValidationError(errors)
    term = GlossaryTerm.objects.create(workspace=workspace, concept=concept, phrase=" ".join(said))
    reindex(workspace)
    return term


@transaction.atomic
def remove_glossary_term(term: GlossaryTerm) -> None:
    workspace = term.workspace
    term.delete()
    reindex(workspace)


def reindex(workspace, batch: int = 500) -> int:
    """Index the workspace's rules again with its glossary; returns how many changed."""
    extra = for_workspace(workspace.pk)
    changed = []
    rules = Learning.objects.filter(workspace=workspace).only(
        "pk", "workspace_id", "statement_en", "statement_ru", "tags", "search_terms", "deleted_at"
    )
    for rule in rules.iterator(chunk_size=batch):
        terms = index_terms(rule, extra)
        if terms != rule.search_terms:
            rule.search_terms = terms
            changed.append(rule)
    Learning.objects.bulk_update(changed, ["search_terms"], batch_size=batch)
    return len(changed)
