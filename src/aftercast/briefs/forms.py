from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from aftercast.briefs.models import Brief
from aftercast.briefs.versions import BRIEF_FIELDS
from aftercast.campaigns.forms import DATE
from aftercast.campaigns.models import Campaign
from aftercast.catalog.models import Market
from aftercast.metrics.inputs import read_metric_value, write_metric_value
from aftercast.metrics.registry import METRIC_CHOICES

# Empty slots offered beyond the planned check-ins (at least three in all).
SPARE_SLOTS, MIN_SLOTS = 1, 3


class BriefForm(forms.ModelForm):
    class Meta:
        model = Brief
        fields = BRIEF_FIELDS  # a version holds exactly what this form edits
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("content_specs", "posting_schedule", "feedback_loop", "notes")
        }
        help_texts = {
            "content_specs": _("One requirement per line; the page shows them as a checklist."),
            "posting_schedule": _(
                "The dated posts are planned on the campaign page; add what they do not say."
            ),
        }

    def __init__(self, *args, checkin_dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = max(MIN_SLOTS, len(checkin_dates) + SPARE_SLOTS)
        for number in range(1, self.slots + 1):
            self.fields[f"checkin_{number}"] = forms.DateField(
                label=_("Check-in %(number)s") % {"number": number},
                required=False,
                widget=DATE,
                help_text=_(
                    "Proposed at %(first)s and %(second)s of the run; change or clear them."
                )
                % {"first": "30 %", "second": "50 %"}
                if number == 1
                else "",
            )
        for number, day in enumerate(checkin_dates, start=1):
            self.initial[f"checkin_{number}"] = day

    def checkin_dates(self):
        return [
            self.cleaned_data[f"checkin_{n}"]
            for n in range(1, self.slots + 1)
            if self.cleaned_data.get(f"checkin_{n}")
        ]


class KpiForm(forms.Form):
    metric = forms.ChoiceField(label=_("Metric"), choices=METRIC_CHOICES)
    target = forms.CharField(
        label=_("Target"),
        help_text=_("In the metric's own unit: “6 %”, “1 500 ₽”, “$12”, “2.5×”."),
    )
    minimum = forms.CharField(
        label=_("Acceptable minimum"),
        required=False,
        help_text=_("Below the target but still acceptable (for a cost: the highest acceptable)."),
    )
    is_primary = forms.BooleanField(label=_("This is the primary KPI"), required=False)

    def __init__(self, *args, currency: str = "", kpi=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.notes: list[str] = []
        if kpi is not None and not self.is_bound:
            language = get_language() or "en"
            self.initial.update(
                metric=kpi.metric,
                target=write_metric_value(kpi.metric, kpi.target, currency, language),
                minimum=write_metric_value(kpi.metric, kpi.minimum, currency, language)
                if kpi.minimum is not None
                else "",
                is_primary=kpi.is_primary,
            )

    def _read(self, name: str):
        text = self.cleaned_data.get(name, "")
        metric = self.cleaned_data.get("metric")
        if not text or not metric:
            return None
        try:
            read = read_metric_value(metric, text, self.currency, get_language() or "en")
        except ValidationError as error:
            self.add_error(name, error)
            return None
        if read.note:
            self.notes.append(read.note)
        return read.value

    def clean(self):
        data = super().clean()
        data["target_value"] = self._read("target")
        data["minimum_value"] = self._read("minimum")
        return data


class NewBriefForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none())
    market = forms.ModelChoiceField(label=_("Market"), queryset=Market.objects.all())

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["campaign"]).queryset = Campaign.objects.filter(
            workspace=workspace, deleted_at__isnull=True, archived_at__isnull=True
        )
