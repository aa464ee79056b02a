"""The learnings exchange format (docs/learnings-exchange.md): a workspace's rules with their
scope and evidence as JSON, to move or merge a team's knowledge between workspaces and
instances. Import is all or nothing, idempotent by each rule's `key`, and an export of what
was imported is the file that was imported."""

import hashlib
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.campaigns.models import CampaignType, VariantDimension
from aftercast.catalog.models import Market, Platform
from aftercast.catalog.tiers import Tier
from aftercast.core.history import snapshot
from aftercast.debriefs.models import Finding
from aftercast.learnings import services
from aftercast.learnings.facets import METRICS
from aftercast.learnings.models import Learning, LearningKind, LearningStatus
from aftercast.metrics.registry import METRIC_CHOICES

FORMAT, VERSION = "aftercast-learnings", 1
MAX_BYTES = 20 * 1024 * 1024
TEXTS = ("statement_en", "statement_ru")
NUMBERS = ("value_a", "value_b", "lift", "ci_low", "ci_high", "p_value", "p_value_adjusted")
METRIC_KEYS = {key for key, _label in METRIC_CHOICES}


class ExchangeError(Exception):
    """A file that cannot be imported: each problem with where it is, in the reader's words."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{where}: {what}" if where else what
                                   for where, what in problems))  # fmt: skip
        self.problems = problems


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


# Export ---------------------------------------------------------------------------------------


def evidence_item(finding: Finding, supports: bool) -> dict:
    campaign = finding.debrief.campaign
    return {
        "campaign": campaign.slug,
        "campaign_name": campaign.name,
        "ran": [campaign.starts_on.isoformat(), campaign.ends_on.isoformat()],
        "market": finding.market.code if finding.market else None,
        "metric": finding.metric,
        "test": finding.variant.name if finding.variant else None,
        "dimension": finding.variant.dimension if finding.variant else None,
        "a": _arm(finding.arm_a),
        "b": _arm(finding.arm_b),
        "n_a": finding.n_a,
        "n_b": finding.n_b,
        **{name: getattr(finding, "effect_rel" if name == "lift" else name) for name in NUMBERS},
        "supports": supports,
    }


def _arm(arm) -> str | None:
    return (arm.description or arm.label) if arm is not None else None


def learning_item(learning: Learning) -> dict:
    links = learning.evidence.select_related(
        "finding__debrief__campaign", "finding__market", "finding__variant", "finding__arm_a",
        "finding__arm_b",
    ).order_by("finding_id")  # fmt: skip
    return {
        "key": learning.key,
        "statement_en": learning.statement_en or None,
        "statement_ru": learning.statement_ru or None,
        "kind": learning.kind,
        "status": learning.status,
        "markets": sorted(m.code for m in learning.markets.all()),
        "tiers": list(learning.tiers),
        "platforms": sorted(p.slug for p in learning.platforms.all()),
        "campaign_types": list(learning.campaign_types),
        "product_categories": list(learning.product_categories),
        "metric": learning.metric or None,
        "dimension": learning.dimension or None,
        "direction": learning.direction,
        "tags": list(learning.tags),
        "evidence": [evidence_item(link.finding, link.supports) for link in links]
        + list(learning.external_evidence),
    }


def export_learnings(workspace) -> dict:
    rules = Learning.objects.filter(workspace=workspace, deleted_at__isnull=True).order_by("pk")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "learnings": [learning_item(rule) for rule in rules.prefetch_related("markets",
                                                                             "platforms")],
    }  # fmt: skip


# Evidence from elsewhere ----------------------------------------------------------------------


def external_findings(learning: Learning) -> list[Finding]:
    """The rule's evidence from elsewhere as unsaved findings, to be pooled with the linked."""
    markets = {m.code: m for m in Market.objects.all()}
    found = []
    for item in learning.external_evidence:
        finding = Finding(
            market=markets.get(item.get("market") or ""), metric=item.get("metric") or "",
            value_a=item.get("value_a"), value_b=item.get("value_b"), n_a=item.get("n_a") or 0,
            n_b=item.get("n_b") or 0, effect_rel=item.get("lift"), ci_low=item.get("ci_low"),
            ci_high=item.get("ci_high"), p_value=item.get("p_value"),
            p_value_adjusted=item.get("p_value_adjusted"), guards=[],
        )  # fmt: skip
        finding.source_campaign = f"elsewhere:{item.get('campaign')}"  # type: ignore[attr-defined]
        found.append(finding)
    return found


# Import ---------------------------------------------------------------------------------------


def read(raw: bytes | str) -> dict:
    """The file's JSON, or an ExchangeError saying plainly why it is not one."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise ExchangeError([("", _("The file is larger than 20 MB."))])
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            refusal = _("The file is not UTF-8 text. Save it as UTF-8 JSON.")
            raise ExchangeError([("", refusal)]) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno}
        refusal = _("The file is not valid JSON (line %(line)s, column %(column)s).") % where
        raise ExchangeError([("", refusal)]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError([("", _("This is not an Aftercast learnings file (its “format” "
                                    "should be “%(format)s”).") % {"format": FORMAT})])  # fmt: skip
    if data.get("version") != VERSION:
        raise ExchangeError([("", _("Version %(version)s of the format is not known; this "
                                    "Aftercast reads version %(known)s.")
                              % {"version": data.get("version"), "known": VERSION})])  # fmt: skip
    if not isinstance(data.get("learnings"), list):
        raise ExchangeError([("learnings", _("A list of learnings is expected."))])
    return data


def _problem(problems, where, message) -> None:
    problems.append((where, message))


def _strings(value, where, problems) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _problem(problems, where, _("A list of words is expected."))
        return []
    return value


def _fields(item: dict, where: str, problems: list) -> dict:
    """The rule's fields the file gives (absent or null ones left out), checked."""
    data: dict = {}
    for name in TEXTS:
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            _problem(problems, f"{where}.{name}", _("Text is expected."))
        elif value is not None:
            data[name] = value
    for name, choices in (("kind", LearningKind.values), ("status", LearningStatus.values),
                          ("dimension", VariantDimension.values)):  # fmt: skip
        value = item.get(name) or None
        if value is not None and value not in choices:
            _problem(problems, f"{where}.{name}", _("“%(value)s” is not one of: %(choices)s.")
                     % {"value": value, "choices": ", ".join(choices)})  # fmt: skip
        elif value is not None:
            data[name] = value
    metric = item.get("metric") or None
    if metric is not None and not isinstance(metric, str):
        _problem(problems, f"{where}.metric", _("Text is expected."))
    elif metric is not None:
        key = METRICS[metric][0] if metric in METRICS else metric
        if key not in METRIC_KEYS:
            _problem(problems, f"{where}.metric", _("“%(value)s” is not a known metric.")
                     % {"value": metric})  # fmt: skip
        else:
            data["metric"] = key
    if item.get("direction") not in (None, 1, -1):
        _problem(problems, f"{where}.direction", _("The direction is 1 (rises) or -1 (falls)."))
    elif item.get("direction") is not None:
        data["direction"] = item["direction"]
    for name in ("product_categories", "tags"):
        if item.get(name) is not None:
            data[name] = _strings(item[name], f"{where}.{name}", problems)
    references: dict[str, tuple[dict, str]] = {
        "tiers": ({t: t for t in Tier.values}, _("“%(value)s” is not a creator tier.")),
        "campaign_types": ({t: t for t in CampaignType.values},
                           _("“%(value)s” is not a campaign type.")),
        "markets": ({m.code: m for m in Market.objects.all()},
                    _("“%(value)s” is not a known market.")),
        "platforms": ({p.slug: p for p in Platform.objects.all()},
                      _("“%(value)s” is not a known platform.")),
    }  # fmt: skip
    for name, (known, refusal) in references.items():
        if item.get(name) is not None:
            said = _strings(item[name], f"{where}.{name}", problems)
            for bad in sorted(set(said) - set(known)):
                _problem(problems, f"{where}.{name}", refusal % {"value": bad})
            data[name] = [known[value] for value in dict.fromkeys(said) if value in known]
    return data


def _evidence(item, where: str, problems: list) -> list[dict]:
    listed = item.get("evidence")
    if listed is None:
        return []
    if not isinstance(listed, list) or not all(isinstance(e, dict) for e in listed):
        _problem(problems, f"{where}.evidence", _("A list of findings is expected."))
        return []
    for index, entry in enumerate(listed):
        at = f"{where}.evidence[{index}]"
        for name in ("campaign", "campaign_name", "market", "metric", "test", "a", "b"):
            if entry.get(name) is not None and not isinstance(entry[name], str):
                _problem(problems, f"{at}.{name}", _("Text is expected."))
        for name in ("n_a", "n_b"):
            value = entry.get(name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                      or value < 0):  # fmt: skip
                _problem(problems, f"{at}.{name}", _("A whole number of 0 or more is expected."))
        for name in NUMBERS:
            value = entry.get(name)
            if value is not None and (
                not isinstance(value, int | float) or isinstance(value, bool)
            ):
                _problem(problems, f"{at}.{name}", _("A number is expected."))
    return listed


def _local(workspace, entry: dict) -> Finding | None:
    """The workspace's own finding an evidence entry describes, when it is here."""
    if not entry.get("campaign") or not entry.get("metric"):
        return None
    candidates = Finding.objects.filter(
        workspace=workspace, debrief__campaign__slug=entry["campaign"], metric=entry["metric"],
        market__code=entry.get("market"),
    )  # fmt: skip
    if entry.get("test"):
        candidates = candidates.filter(variant__name=entry["test"])
    found = list(candidates[:2])
    return found[0] if len(found) == 1 else None


def key_of(item: dict) -> str:
    """A rule's key; a file without one gets a key from its statements, so importing it again
    finds the same rule."""
    if isinstance(item.get("key"), str) and item["key"].strip():
        return item["key"].strip()[:100]
    said = f"{item.get('statement_en') or ''}\n{item.get('statement_ru') or ''}"
    return "text-" + hashlib.sha256(said.encode()).hexdigest()[:32]


@transaction.atomic
def import_learnings(workspace, raw: bytes | str | dict, *, user=None) -> Report:
    """Merge a file's rules into the workspace: a new key is a new rule; a known key is updated
    with the fields the file gives, and its evidence gains the file's new entries (linked to
    this workspace's finding when it is here, kept as evidence from elsewhere when not).
    Nothing is saved unless every rule is valid."""
    data = raw if isinstance(raw, dict) else read(raw)
    problems: list[tuple[str, str]] = []
    report = Report()
    for index, item in enumerate(data["learnings"]):
        where = f"learnings[{index}]"
        if not isinstance(item, dict):
            _problem(problems, where, _("An object is expected."))
            continue
        fields = _fields(item, where, problems)
        entries = _evidence(item, where, problems)
        if problems:
            continue
        try:
            outcome = _merge(workspace, key_of(item), fields, entries, user)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    _problem(problems, f"{where}.{name}" if name != "__all__" else where, message)
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    if problems:
        transaction.set_rollback(True)
        raise ExchangeError(problems)
    return report


def _merge(workspace, key: str, fields: dict, entries: list[dict], user) -> str:
    existing = Learning.objects.filter(workspace=workspace, key=key).first()
    local = [(entry, _local(workspace, entry)) for entry in entries]
    if existing is None:
        services.create_learning(
            workspace=workspace, user=user, key=key,
            findings=[finding for _entry, finding in local if finding is not None],
            external_evidence=[entry for entry, finding in local if finding is None], **fields,
        )  # fmt: skip
        return "created"
    before = snapshot(existing)
    linked = set(existing.evidence.values_list("finding_id", flat=True))
    kept = existing.external_evidence
    services.update_learning(
        existing, fields, user=user,
        findings=[f for _e, f in local if f is not None and f.pk not in linked],
        external_evidence=[e for e, f in local if f is None and e not in kept],
    )  # fmt: skip
    return "unchanged" if snapshot(existing) == before else "updated"


PLACE = re.compile(r"^learnings\[(\d+)\](?:\.evidence\[(\d+)\])?(?:\.(\w+))?$")


def place_words(where: str) -> str:
    """Where a problem is, as a person reads it: "learnings[1].markets" is "rule 2, markets"."""
    found = PLACE.match(where)
    if found is None:
        return where
    rule, entry, name = found.groups()
    said = _("rule %(number)s") % {"number": int(rule) + 1}
    if entry is not None:
        said += ", " + _("evidence %(number)s") % {"number": int(entry) + 1}
    return f"{said}, “{name}”" if name else said
