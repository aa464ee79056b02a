from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.forms import DATE
from aftercast.checkins.flags import PLAYBOOK, PLAYBOOK_NAMES
from aftercast.checkins.rules import THRESHOLD_FIELDS

ACTION_ROWS = 5  # a check-in decides a few things; more can be added on the next one


PLAYBOOK_CHOICES = [(key, key) for key in PLAYBOOK]


class HoldForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    attendees = forms.CharField(
        label=_("Who attended"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names, one per line or separated by commas."),
    )
    summary = forms.CharField(
        label=_("What was found"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decisions = forms.CharField(
        label=_("What was decided"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{number}"] = forms.CharField(
                label=_("Action %(number)s") % {"number": number}, required=False, max_length=500
            )
            self.fields[f"owner_{number}"] = forms.CharField(
                label=_("Who does it"), required=False, max_length=200
            )
            self.fields[f"due_{number}"] = forms.DateField(
                label=_("By when"), required=False, widget=DATE
            )
            # Which playbook entry suggested the action, kept with it for the debrief.
            self.fields[f"playbook_{number}"] = forms.ChoiceField(
                required=False, widget=forms.HiddenInput, choices=[("", ""), *PLAYBOOK_CHOICES]
            )

    def clean(self):
        data = super().clean()
        for number in range(1, ACTION_ROWS + 1):
            described = (data.get(f"action_{number}") or "").strip()
            if not described and (data.get(f"owner_{number}") or data.get(f"due_{number}")):
                self.add_error(
                    f"action_{number}",
                    _("Say what is to be done, or clear who does it and by when."),
                )
        return data


class RulesForm(forms.Form):
    """A workspace's thresholds (whole percentages) and its playbook, one action per line."""

    late_hours = forms.IntegerField(
        label=_("A post is late after (hours)"), min_value=0, max_value=24 * 14,
        help_text=_("Hours after its planned time."),
    )  # fmt: skip
    late_watch_percent = forms.IntegerField(
        label=_("Late posts: watch from (%)"), min_value=0, max_value=100
    )
    late_act_percent = forms.IntegerField(
        label=_("Late posts: act from (%)"), min_value=0, max_value=100
    )
    spec_watch_percent = forms.IntegerField(
        label=_("Spec items met: watch below (%)"), min_value=0, max_value=100
    )
    spec_act_percent = forms.IntegerField(
        label=_("Spec items met: act below (%)"), min_value=0, max_value=100
    )
    negative_watch_percent = forms.IntegerField(
        label=_("Negative comments: watch from (%)"), min_value=0, max_value=100
    )
    negative_act_percent = forms.IntegerField(
        label=_("Negative comments: act from (%)"), min_value=0, max_value=100
    )
    trend_days = forms.IntegerField(
        label=_("Sentiment trend window (days)"), min_value=1, max_value=60,
        help_text=_("The recent days compared with the days before them."),
    )  # fmt: skip

    def __init__(self, data=None, *, stored):
        initial = {name: getattr(stored, name) for name in THRESHOLD_FIELDS}
        for key in PLAYBOOK:
            initial[f"playbook_{key}"] = "\n".join((stored.playbook or {}).get(key, []))
        super().__init__(data, initial=initial)
        for key, defaults in PLAYBOOK.items():
            self.fields[f"playbook_{key}"] = forms.CharField(
                label=PLAYBOOK_NAMES[key],
                required=False,
                widget=forms.Textarea(
                    attrs={"rows": 3, "placeholder": "\n".join(str(a) for a in defaults)}
                ),
                help_text=_("One action per line. Left empty, the suggestions shown apply."),
            )

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in THRESHOLD_FIELDS},
            "playbook": {key: data[f"playbook_{key}"].splitlines() for key in PLAYBOOK},
        }

    def threshold_fields(self):
        return [self[name] for name in THRESHOLD_FIELDS]

    def playbook_fields(self):
        return [self[f"playbook_{key}"] for key in PLAYBOOK]
