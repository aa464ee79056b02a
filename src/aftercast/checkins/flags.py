"""What a health signal says: a flag with a severity, a reason in the reader's words and the
playbook's actions; the thresholds at which a share of bad things turns from ok to watch to act.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

OK, WATCH, ACT, MISSING = "ok", "watch", "act", "missing"
ADHERENCE, PERFORMANCE, SENTIMENT, FOCUS = "adherence", "performance", "sentiment", "focus"
SIGNALS = (ADHERENCE, PERFORMANCE, SENTIMENT, FOCUS)
# Worst first: what needs acting on, then watching, then what cannot be read, then what is fine.
SEVERITY_ORDER = (ACT, WATCH, MISSING, OK)

SIGNAL_NAMES = {
    ADHERENCE: _("Posts on time and to spec"),
    PERFORMANCE: _("Pace to the KPI"),
    SENTIMENT: _("Audience sentiment"),
    FOCUS: _("Right metric"),
}


@dataclass(frozen=True)
class Thresholds:
    """When a signal turns from ok to watch to act (the defaults, until a workspace sets its
    own in its health rules)."""

    late_hours: int = 24  # a post this late after its planned time is late
    late_share_watch: float = 0.2
    late_share_act: float = 0.5
    spec_met_watch: float = 0.9
    spec_met_act: float = 0.7
    negative_share_watch: float = 0.15
    negative_share_act: float = 0.3
    trend_days: int = 7  # the recent window a sentiment trend compares with what came before


# The playbook: what a team usually does about each kind of flag. A workspace may write its own.
PLAYBOOK = {
    "late_posts": [
        _("Agree new dates with the creators who are late, in writing."),
        _("Move the check-in if the late posts decide the result."),
    ],
    "missing_specs": [
        _("Send the creators the spec items they missed before their next post."),
    ],
    "behind_target": [
        _("Share the numbers so far with the creators and agree what to change."),
        _("Shift budget to the creators and formats that are on pace."),
    ],
    "negative_sentiment": [
        _("Read the negative comments and answer the recurring complaint publicly."),
        _("Pause paid promotion of the posts drawing the most negative comments."),
    ],
    "wrong_metric": [
        _("Re-brief the creators on what success means here: the primary KPI, not engagement."),
        _("Add a clear call to action and the tracking link to the next posts."),
    ],
}
PLAYBOOK_NAMES = {
    "late_posts": _("Posts are late"),
    "missing_specs": _("Spec items are missed"),
    "behind_target": _("A KPI is behind its target"),
    "negative_sentiment": _("Comments turn negative"),
    "wrong_metric": _("Optimising for the wrong metric"),
}


@dataclass(frozen=True)
class Flag:
    signal: str
    severity: str
    reason: str
    playbook: str = ""  # the key of the playbook's actions
    actions: tuple[str, ...] = field(default=(), compare=False)


def severity_of_share(share: float, watch: float, act: float) -> str:
    """Severity of a share of bad things (late posts, negative comments)."""
    if share >= act:
        return ACT
    if share >= watch:
        return WATCH
    return OK


def worst(severities) -> str:
    """The most urgent of some severities; MISSING when there are none."""
    return min(severities, key=SEVERITY_ORDER.index, default=MISSING)
