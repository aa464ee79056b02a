"""Labels for what the statistics engine says about a finding, in the reader's language."""

from django import template
from django.utils.translation import gettext_lazy as _

from aftercast.debriefs import wording
from aftercast.stats.multiplicity import IMPLAUSIBLE_LIFT, SAMPLE_RATIO_MISMATCH, TOO_FEW_UNITS

register = template.Library()

GUARD_LABELS = {
    TOO_FEW_UNITS: _("too few units to judge"),
    IMPLAUSIBLE_LIFT: _("lift so large it is more likely a tracking error"),
    SAMPLE_RATIO_MISMATCH: _("arms' exposure far from plan"),
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
