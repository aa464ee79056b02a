"""A workspace's health rules: its thresholds and its playbook, or the defaults."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from aftercast.checkins.flags import PLAYBOOK, PLAYBOOK_NAMES, Flag, Thresholds
from aftercast.checkins.models import HealthRules

THRESHOLD_FIELDS = (
    "late_hours", "late_watch_percent", "late_act_percent", "spec_watch_percent",
    "spec_act_percent", "negative_watch_percent", "negative_act_percent", "trend_days",
)  # fmt: skip
EDITABLE = (*THRESHOLD_FIELDS, "playbook")
MAX_ACTIONS = 5
MAX_ACTION_LENGTH = 500


@dataclass(frozen=True)
class Rules:
    thresholds: Thresholds = Thresholds()
    playbook: dict[str, list[str]] = field(default_factory=dict)  # the workspace's own entries

    def actions(self, key: str) -> tuple[str, ...]:
        """The workspace's actions for a playbook entry, else the defaults in the reader's
        language."""
        if not key:
            return ()
        own = self.playbook.get(key)
        return tuple(own) if own else tuple(str(action) for action in PLAYBOOK.get(key, []))

    def with_actions(self, flags: list[Flag]) -> list[Flag]:
        return [
            Flag(
                flag.signal, flag.severity, flag.reason, flag.playbook, self.actions(flag.playbook)
            )
            for flag in flags
        ]


def thresholds_of(row: HealthRules) -> Thresholds:
    return Thresholds(
        late_hours=row.late_hours,
        late_share_watch=row.late_watch_percent / 100,
        late_share_act=row.late_act_percent / 100,
        spec_met_watch=row.spec_watch_percent / 100,
        spec_met_act=row.spec_act_percent / 100,
        negative_share_watch=row.negative_watch_percent / 100,
        negative_share_act=row.negative_act_percent / 100,
        trend_days=row.trend_days,
    )


def rules_for(workspace_id: int) -> Rules:
    row = HealthRules.objects.filter(workspace_id=workspace_id).first()
    if row is None:
        return Rules()
    return Rules(thresholds_of(row), {k: list(v) for k, v in (row.playbook or {}).items()})


def stored_rules(workspace_id: int) -> HealthRules:
    """The workspace's row (unsaved, with the defaults, when it has none yet)."""
    found = HealthRules.objects.filter(workspace_id=workspace_id).first()
    return found or HealthRules(workspace_id=workspace_id)


def _check(values: dict) -> None:
    errors: dict[str, list] = {}

    def refuse(name: str, message) -> None:
        errors.setdefault(name, []).append(message)

    for name in ("late_watch_percent", "late_act_percent", "spec_watch_percent",
                 "spec_act_percent", "negative_watch_percent", "negative_act_percent"):  # fmt: skip
        if not 0 <= values[name] <= 100:
            refuse(name, _("A share is between 0 and 100 %."))
    if values["late_watch_percent"] > values["late_act_percent"]:
        refuse("late_act_percent", _("Acting starts at or above watching."))
    if values["negative_watch_percent"] > values["negative_act_percent"]:
        refuse("negative_act_percent", _("Acting starts at or above watching."))
    if values["spec_watch_percent"] < values["spec_act_percent"]:
        refuse("spec_act_percent", _("Acting starts at or below watching: fewer items met."))
    if not 0 <= values["late_hours"] <= 24 * 14:
        refuse("late_hours", _("Between 0 hours and two weeks."))
    if not 1 <= values["trend_days"] <= 60:
        refuse("trend_days", _("Between 1 and 60 days."))
    for key, actions in values["playbook"].items():
        if key not in PLAYBOOK:
            refuse("playbook", _("“%(key)s” is not a playbook entry.") % {"key": key})
        elif len(actions) > MAX_ACTIONS:
            refuse("playbook", _("“%(entry)s”: at most %(count)s actions.")
                   % {"entry": PLAYBOOK_NAMES[key], "count": MAX_ACTIONS})  # fmt: skip
        elif any(len(action) > MAX_ACTION_LENGTH for action in actions):
            refuse("playbook", _("“%(entry)s”: an action is at most %(count)s characters.")
                   % {"entry": PLAYBOOK_NAMES[key], "count": MAX_ACTION_LENGTH})  # fmt: skip
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_rules(workspace_id: int, **values) -> HealthRules:
    """Set a workspace's thresholds and playbook. Values left out keep what is stored; a
    playbook entry with no actions goes back to the defaults."""
    row = stored_rules(workspace_id)
    current = {name: getattr(row, name) for name in EDITABLE}
    current.update({name: value for name, value in values.items() if name in EDITABLE})
    # Entries sent are set (empty: back to the defaults); entries not sent keep theirs.
    current["playbook"] = {**(row.playbook or {}), **(values.get("playbook") or {})}
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: _("Unknown setting.") for name in sorted(unknown)})
    playbook = {
        key: [line.strip() for line in actions if line.strip()]
        for key, actions in (current["playbook"] or {}).items()
    }
    current["playbook"] = {key: actions for key, actions in playbook.items() if actions}
    _check(current)
    for name, value in current.items():
        setattr(row, name, value)
    row.save()
    return row
