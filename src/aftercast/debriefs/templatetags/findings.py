"""Labels for what the statistics engine says about a finding, in the reader's language."""

import datetime as dt

from django import template
from django.utils.translation import gettext_lazy as _

from aftercast.core import formatting
from aftercast.debriefs import wording
from aftercast.debriefs.analysis import SIMPSON
from aftercast.debriefs.models import Verdict
from aftercast.stats.multiplicity import IMPLAUSIBLE_LIFT, SAMPLE_RATIO_MISMATCH, TOO_FEW_UNITS

register = template.Library()

GUARD_LABELS = {
    TOO_FEW_UNITS: _("too few units to judge"),
    IMPLAUSIBLE_LIFT: _("lift so large it is more likely a tracking error"),
    SAMPLE_RATIO_MISMATCH: _("arms' exposure far from plan"),
    SIMPSON: _("combined, the markets point the other way from each market (Simpson's paradox)"),
}


@register.filter
def guard_labels(codes) -> str:
    return "; ".join(str(GUARD_LABELS.get(code, code)) for code in codes or [])


@register.filter
def finding_headline(finding) -> str:
    return wording.headline(finding)


@register.filter
def deciding_p(finding):
    return wording.deciding_p(finding)


@register.filter
def p_value_text(p) -> str:
    return wording.p_value_text(p)


@register.filter
def probability_text(probability) -> str:
    return wording.probability_text(probability)


@register.filter
def verdict_label(code) -> str:
    return str(Verdict(code).label) if code in Verdict.values else str(code)


@register.filter
def iso_day(text) -> str:
    """A date stored as ISO text (in JSON), in the reader's format."""
    try:
        return formatting.date(dt.date.fromisoformat(str(text)))
    except ValueError:
        return "—"
