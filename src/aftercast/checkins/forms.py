from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.forms import DATE

ACTION_ROWS = 3  # a check-in decides a few things; more can be added on the next one


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
