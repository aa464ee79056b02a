"""Holding a check-in: who attended, the health flags at that moment, what was decided and who
does what by when. The flags are kept in both languages, as they read that day: the market's
numbers change afterwards, the record of what the team saw does not."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from aftercast.checkins.flags import ACT
from aftercast.checkins.health import MarketHealth, market_health
from aftercast.checkins.models import CheckIn, CheckInAction, CheckInStatus

LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class ActionSpec:
    description: str
    owner: str = ""
    due_on: dt.date | None = None
    playbook_key: str = ""


def snapshot(checkin: CheckIn, today: dt.date) -> dict:
    """The market's flags as of `today`, each reason and action read in every language."""
    read: dict[str, list[tuple[str, list[str]]]] = {}
    for language in LANGUAGES:
        with translation.override(language):
            flags = market_health(checkin.campaign_market, today).flags
            read[language] = [(flag.reason, list(flag.actions)) for flag in flags]
    return {
        "as_of": today.isoformat(),
        "flags": [
            {
                "signal": flag.signal,
                "severity": flag.severity,
                "playbook": flag.playbook,
                "reason": {language: read[language][i][0] for language in LANGUAGES},
                "actions": {language: read[language][i][1] for language in LANGUAGES},
            }
            for i, flag in enumerate(flags)
        ],
    }


@transaction.atomic
def hold_checkin(
    checkin: CheckIn,
    *,
    held_on: dt.date | None = None,
    attendees: str = "",
    summary: str = "",
    decisions: str = "",
    actions: Sequence[ActionSpec] = (),
) -> CheckIn:
    """Record a check-in as held, with the health flags of that day and the actions decided."""
    if checkin.status != CheckInStatus.PLANNED:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("This check-in is already recorded: plan another one.")}
        )
    held_on = held_on or timezone.localdate()
    campaign = checkin.campaign_market.campaign
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A check-in is recorded once it was held.")})
    if held_on < campaign.starts_on:
        raise ValidationError({"held_on": _("The campaign had not started on that day.")})
    if not (summary.strip() or decisions.strip() or actions):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Write what was found or decided: a summary, a decision or an action."
                )
            }
        )
    for number, action in enumerate(actions, start=1):
        if not action.description.strip():
            raise ValidationError(
                {"actions": _("Action %(number)s needs a description.") % {"number": number}}
            )
        if action.due_on is not None and action.due_on < held_on:
            raise ValidationError(
                {"actions": _("Action %(number)s is due before the check-in.") % {"number": number}}
            )
    checkin.held_on = held_on
    checkin.status = CheckInStatus.HELD
    checkin.attendees = attendees.strip()
    checkin.summary = summary.strip()
    checkin.decisions = decisions.strip()
    checkin.health = snapshot(checkin, held_on)
    checkin.save()
    for action in actions:
        CheckInAction.objects.create(
            workspace_id=checkin.workspace_id,
            checkin=checkin,
            description=action.description.strip(),
            owner=action.owner.strip(),
            due_on=action.due_on,
            playbook_key=action.playbook_key,
        )
    return checkin


def suggested_actions(health: MarketHealth) -> list[ActionSpec]:
    """The playbook's actions for what is flagged, most severe first, each flag's first action
    before any flag's second: a form with a few rows then covers every problem."""
    flagged = sorted(health.flagged, key=lambda flag: flag.severity != ACT)
    suggested: dict[str, ActionSpec] = {}  # two KPIs behind suggest the same actions once
    for rank in range(max((len(flag.actions) for flag in flagged), default=0)):
        for flag in flagged:
            if rank < len(flag.actions):
                action = flag.actions[rank]
                suggested.setdefault(action, ActionSpec(action, playbook_key=flag.playbook))
    return list(suggested.values())


def flags_of(checkin: CheckIn, language: str) -> list[dict]:
    """A held check-in's flags in the reader's language (English when it lacks it)."""
    return [
        {
            **flag,
            "reason": flag["reason"].get(language) or flag["reason"].get("en", ""),
            "actions": flag["actions"].get(language) or flag["actions"].get("en", []),
        }
        for flag in (checkin.health or {}).get("flags", [])
    ]


def set_action_done(action: CheckInAction, done: bool) -> CheckInAction:
    """A check-in's action carried out (or opened again), on the workspace's action list."""
    action.done = done
    action.save(update_fields=["done", "updated_at"])
    return action
